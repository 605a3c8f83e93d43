package dev.partnerbot.app.tips;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.Tip;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.TipSchedules.Actor;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.cards.Mrkdwn;
import dev.partnerbot.slack.home.HomeExtras;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly-tips part of the Slack App Home. Everyone sees this week's tip: the next tip of the
 * workspace's first active schedule, or, without one, the library's tip at the ISO week number
 * (modulo the library's size), so the Home tab changes weekly either way. Managers also see the
 * workspace's schedules with their next run in each channel's zone.
 */
public final class TipsHome implements HomeExtras {
    private static final String PLATFORM = "slack";
    private static final DateTimeFormatter EN_WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE HH:mm z", Locale.CHINESE);

    private final TipSchedules schedules;
    private final ManagerPolicy managers;
    private final TipLibrary library;
    private final Map<Language, Playbook> playbooks;
    private final Clock clock;

    public TipsHome(TipSchedules schedules, ManagerPolicy managers, TipLibrary library, Map<Language, Playbook> playbooks,
                    Clock clock) {
        this.schedules = schedules;
        this.managers = managers;
        this.library = library;
        this.playbooks = Map.copyOf(playbooks);
        this.clock = clock;
    }

    @Override
    public Optional<String> weeklyTip(String teamId, Language language) {
        Optional<Tip> tip = fromFirstActiveSchedule(teamId, language).or(() -> byWeekNumber(language));
        return tip.map(t -> "*" + Mrkdwn.escape(label(language, "tips_this_week")) + "*\n\n*" + Mrkdwn.escape(t.title()) + "*\n"
                + Mrkdwn.escape(t.body()) + "\n*" + Mrkdwn.escape(label(t.language(), "tip_try_this")) + ":* "
                + Mrkdwn.escape(t.tryThis()));
    }

    @Override
    public Optional<String> managerSchedule(String teamId, String userId, Language language) {
        if (!managers.mayManage(PLATFORM, teamId, userId)) {
            return Optional.empty();
        }
        List<TipSchedules.Listed> listed = schedules.list(Actor.chatUser(PLATFORM, teamId, userId), Optional.empty());
        StringBuilder s = new StringBuilder("*").append(Mrkdwn.escape(label(language, "tips_list_heading"))).append("*\n");
        if (listed.isEmpty()) {
            return Optional.of(s.append(Mrkdwn.escape(label(language, "tips_list_empty"))).toString());
        }
        for (TipSchedules.Listed l : listed) {
            TipSchedule t = l.schedule();
            s.append("• <#").append(t.channel()).append("> · ")
                    .append(t.day().getDisplayName(TextStyle.FULL, language == Language.ZH ? Locale.CHINESE : Locale.ENGLISH))
                    .append(' ').append(t.time()).append(" (").append(Mrkdwn.escape(t.zone().getId())).append(") · ")
                    .append(Mrkdwn.escape(label(language, "tips_state_" + t.state().code())));
            l.nextRun().ifPresent(next -> s.append(" · ").append(Mrkdwn.escape(label(language, "tips_next_run"))).append(": ")
                    .append((language == Language.ZH ? ZH_WHEN : EN_WHEN).format(next)));
            s.append(" · `").append(Mrkdwn.escape(t.id())).append("`\n");
        }
        return Optional.of(s.toString().strip());
    }

    private Optional<Tip> fromFirstActiveSchedule(String teamId, Language language) {
        Actor member = Actor.chatUser(PLATFORM, teamId, "home");
        return schedules.list(member, Optional.empty()).stream()
                .map(TipSchedules.Listed::schedule)
                .filter(s -> s.state() == ScheduleState.ACTIVE)
                .findFirst()
                .flatMap(s -> schedules.preview(member, s.id()))
                .map(tip -> inLanguage(tip, language));
    }

    private Optional<Tip> byWeekNumber(Language language) {
        List<String> ids = library.ids();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int week = LocalDate.now(clock).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return library.tip(ids.get(week % ids.size()), language);
    }

    private static Tip inLanguage(WeeklyTip tip, Language language) {
        return tip.tips().stream().filter(t -> t.language() == language).findFirst().orElse(tip.tips().get(0));
    }

    private String label(Language language, String key) {
        return playbooks.get(language).label(key);
    }
}
