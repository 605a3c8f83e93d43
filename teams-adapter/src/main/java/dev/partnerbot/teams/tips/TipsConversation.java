package dev.partnerbot.teams.tips;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.TipSchedules.Actor;
import dev.partnerbot.core.tips.WeeklyTip;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code @PartnerBot tips ...} in Teams: help, list, schedule (for the conversation it is written
 * in), pause, resume, cancel, preview. The team is the tenant ({@code conversation.tenantId}); the
 * core enforces the manager rule, which on Teams is the configured list only. Wording comes from
 * the playbook labels; day names and dates from the JDK's locale data.
 */
public final class TipsConversation {
    public static final String PLATFORM = "teams";
    private static final Pattern COMMAND = Pattern.compile(
            "^tips(\\s+(help|list|schedule|pause|resume|cancel|preview)(\\s.*)?)?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter EN_WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE HH:mm z", Locale.CHINESE);

    /** What to send back: Markdown text, or an Adaptive Card (a tip preview). */
    public sealed interface Reply {
        record Text(String markdown) implements Reply {
        }

        record Card(ObjectNode card) implements Reply {
        }
    }

    private final Optional<TipSchedules> schedules;
    private final Map<Language, Playbook> playbooks;
    private final TipCards cards;

    public TipsConversation(Optional<TipSchedules> schedules, Map<Language, Playbook> playbooks, TipCards cards) {
        this.schedules = schedules;
        this.playbooks = Map.copyOf(playbooks);
        this.cards = cards;
    }

    /** True for {@code tips} alone or followed by one of its sub-commands; anything else goes to the coach. */
    /** Whether the text asks to schedule tips here ({@code tips schedule ...}). */
    public static boolean isScheduleCommand(String text) {
        String[] words = text.strip().split("\\s+");
        return words.length >= 2 && words[0].equalsIgnoreCase("tips") && words[1].equalsIgnoreCase("schedule");
    }

    public static boolean isTipsCommand(String text) {
        return COMMAND.matcher(text.strip()).matches();
    }

    /**
     * Answers a tips command.
     *
     * @param tenant the conversation's tenant id (the schedules' team), empty when Teams sent none
     * @param conversation the conversation id without {@code ;messageid=...}
     * @param user the writer's AAD object id (what {@code PARTNERBOT_MANAGERS} lists)
     */
    public Reply answer(String text, Optional<String> tenant, String conversation, String user, Language language) {
        if (schedules.isEmpty()) {
            return text(language, "tips_not_set_up");
        }
        if (tenant.isEmpty() || user == null || user.isBlank()) {
            return text(language, "unknown_request");
        }
        Actor actor = Actor.chatUser(PLATFORM, tenant.get(), user);
        String[] words = text.strip().split("\\s+");
        String sub = words.length < 2 ? "help" : words[1].toLowerCase(Locale.ROOT);
        return switch (sub) {
            case "list" -> list(actor, language);
            case "schedule" -> schedule(actor, words, conversation, language);
            case "pause", "resume", "cancel", "preview" -> onSchedule(actor, sub, words, language);
            default -> text(language, "tips_teams_help");
        };
    }

    private Reply list(Actor actor, Language language) {
        List<TipSchedules.Listed> listed = schedules.get().list(actor, Optional.empty());
        StringBuilder s = new StringBuilder("**").append(label(language, "tips_list_heading")).append("**\n\n");
        if (listed.isEmpty()) {
            return new Reply.Text(s.append(label(language, "tips_list_empty").replace("/partner-tips", "tips schedule")).toString());
        }
        for (TipSchedules.Listed l : listed) {
            TipSchedule t = l.schedule();
            s.append("- `").append(t.id()).append("` · ").append(day(t.day(), language)).append(' ').append(t.time())
                    .append(" (").append(t.zone().getId()).append(") · ").append(label(language, "tips_language_" + t.language().code()))
                    .append(" · ").append(label(language, "tips_state_" + t.state().code()));
            l.nextRun().ifPresent(next -> s.append(" · ").append(label(language, "tips_next_run")).append(": ").append(when(next, language)));
            s.append('\n');
        }
        return new Reply.Text(s.toString().strip());
    }

    private Reply schedule(Actor actor, String[] words, String conversation, Language language) {
        Optional<DayOfWeek> day = words.length > 2 ? dayOf(words[2]) : Optional.empty();
        Optional<LocalTime> time = words.length > 3 ? timeOf(words[3]) : Optional.empty();
        Optional<ZoneId> zone = words.length > 4 ? zoneOf(words[4]) : Optional.empty();
        Optional<TipLanguage> tipLanguage = words.length > 5 ? TipLanguage.byCode(words[5])
                : Optional.of(language == Language.ZH ? TipLanguage.ZH : TipLanguage.EN);
        if (day.isEmpty() || time.isEmpty() || zone.isEmpty() || tipLanguage.isEmpty() || words.length > 6) {
            return text(language, "tips_teams_bad_schedule");
        }
        TipSchedules.Outcome outcome = schedules.get().schedule(actor, new TipSchedules.Request(PLATFORM, actor.team(),
                conversation, day.get(), time.get(), zone.get(), tipLanguage.get()));
        if (outcome instanceof TipSchedules.Outcome.Done done) {
            TipSchedule s = done.schedule();
            String next = schedules.get().nextRun(s).map(t -> when(t, language)).orElse("");
            return new Reply.Text(label(language, "tips_scheduled")
                    .replace("{channel}", label(language, "tips_this_conversation"))
                    .replace("{day}", day(s.day(), language))
                    .replace("{time}", s.time().toString())
                    .replace("{zone}", s.zone().getId())
                    .replace("{next}", next) + "\n\n`" + s.id() + "`");
        }
        return outcome instanceof TipSchedules.Outcome.NotAllowed ? text(language, "tips_managers_only_teams")
                : text(language, "unknown_request");
    }

    private Reply onSchedule(Actor actor, String sub, String[] words, Language language) {
        if (words.length != 3 || !ID.matcher(words[2]).matches()) {
            return text(language, "tips_teams_help");
        }
        String id = words[2];
        if (sub.equals("preview")) {
            Optional<WeeklyTip> tip = schedules.get().preview(actor, id);
            return tip.<Reply>map(t -> new Reply.Card(cards.card(t))).orElseGet(() -> notFound(language, id));
        }
        TipSchedules.Outcome outcome = switch (sub) {
            case "pause" -> schedules.get().pause(actor, id);
            case "resume" -> schedules.get().resume(actor, id);
            default -> schedules.get().cancel(actor, id);
        };
        if (outcome instanceof TipSchedules.Outcome.Done) {
            String key = switch (sub) {
                case "pause" -> "tips_paused";
                case "resume" -> "tips_resumed";
                default -> "tips_cancelled";
            };
            return new Reply.Text(label(language, key).replace("{channel}", "`" + id + "`"));
        }
        return outcome instanceof TipSchedules.Outcome.NotAllowed ? text(language, "tips_managers_only_teams")
                : notFound(language, id);
    }

    private Reply notFound(Language language, String id) {
        return new Reply.Text(label(language, "tips_not_found").replace("{id}", "`" + id + "`"));
    }

    private Reply text(Language language, String key) {
        return new Reply.Text(label(language, key));
    }

    private String label(Language language, String key) {
        return playbooks.get(language).label(key);
    }

    static Optional<DayOfWeek> dayOf(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    static Optional<LocalTime> timeOf(String text) {
        if (!text.matches("\\d{1,2}:\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(text.length() == 4 ? "0" + text : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Region-based IANA zones only: a fixed offset would not follow daylight saving. */
    static Optional<ZoneId> zoneOf(String text) {
        return ZoneId.getAvailableZoneIds().contains(text) ? Optional.of(ZoneId.of(text)) : Optional.empty();
    }

    private static String day(DayOfWeek day, Language language) {
        return day.getDisplayName(TextStyle.FULL, language == Language.ZH ? Locale.CHINESE : Locale.ENGLISH);
    }

    private static String when(ZonedDateTime time, Language language) {
        return (language == Language.ZH ? ZH_WHEN : EN_WHEN).format(time);
    }
}
