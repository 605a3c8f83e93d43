package dev.partnerbot.slack.tips;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.slack.cards.Mrkdwn;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.function.Function;

/**
 * The words of the tips screens: playbook labels, plus day names and dates from the JDK's locale
 * data in the reader's language. Times are shown in the schedule's own zone.
 */
final class TipsWording {
    private static final DateTimeFormatter EN_WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE HH:mm z", Locale.CHINESE);

    private final Function<Language, Playbook> playbooks;

    TipsWording(Function<Language, Playbook> playbooks) {
        this.playbooks = playbooks;
    }

    Playbook playbook(Language language) {
        return playbooks.apply(language);
    }

    String label(Language language, String key) {
        return playbooks.apply(language).label(key);
    }

    /** A label as mrkdwn with {@code {channel}} and {@code {id}} filled in. */
    String about(Language language, String key, TipSchedule schedule) {
        return about(language, key, schedule.channel(), schedule.id());
    }

    String about(Language language, String key, String channel, String id) {
        return Mrkdwn.escape(label(language, key)).replace("{channel}", channel(channel)).replace("{id}", "`" + Mrkdwn.escape(id) + "`");
    }

    static String channel(String channelId) {
        return "<#" + channelId + ">";
    }

    static String day(DayOfWeek day, Language language) {
        return day.getDisplayName(TextStyle.FULL, locale(language));
    }

    static String when(ZonedDateTime time, Language language) {
        return (language == Language.ZH ? ZH_WHEN : EN_WHEN).format(time);
    }

    String language(TipLanguage tipLanguage, Language language) {
        return label(language, "tips_language_" + tipLanguage.code());
    }

    String state(ScheduleState state, Language language) {
        return label(language, "tips_state_" + state.code());
    }

    static Locale locale(Language language) {
        return language == Language.ZH ? Locale.CHINESE : Locale.ENGLISH;
    }
}
