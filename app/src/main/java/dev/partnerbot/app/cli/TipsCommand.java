package dev.partnerbot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.tips.WeeklyTips;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.Tip;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.TipSchedules.Actor;
import dev.partnerbot.core.tips.TipSchedules.Outcome;
import dev.partnerbot.core.tips.WeeklyTip;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./partnerbot tips ...}: manage weekly-tip schedules from the command line. Operators are
 * trusted (no manager check); the commands use the same database and credentials as {@code serve}.
 */
@Command(name = "tips", mixinStandardHelpOptions = true,
        description = "Manage weekly-tip schedules (schedule, list, pause, resume, cancel, preview, send-now).",
        subcommands = {
            TipsCommand.ScheduleTip.class, TipsCommand.ListTips.class, TipsCommand.Pause.class,
            TipsCommand.Resume.class, TipsCommand.Cancel.class, TipsCommand.Preview.class, TipsCommand.SendNow.class
        })
public final class TipsCommand implements Callable<Integer> {
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern SLACK_TEAM = Pattern.compile("[TE][A-Z0-9]{2,}");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");

    @Spec
    CommandSpec spec;

    private final Supplier<Settings> settings;

    public TipsCommand() {
        this(SettingsLoader::fromEnvironment);
    }

    TipsCommand(Supplier<Settings> settings) {
        this.settings = settings;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Runs {@code action} with the feature wired to the configured database (scheduler not started). */
    <T> T withTips(java.util.function.Function<WeeklyTips, T> action) {
        Settings s = settings.get();
        try (Database db = Database.open(s.database());
             WeeklyTips tips = WeeklyTips.fromSettings(s, db.dataSource(), new SimpleMeterRegistry(), Map.of())) {
            return action.apply(tips);
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Create a weekly tip for a channel; prints the schedule id on the last line.")
    static final class ScheduleTip implements Callable<Integer> {
        @ParentCommand TipsCommand parent;
        @Spec CommandSpec spec;

        @Option(names = "--platform", required = true, paramLabel = "slack|teams",
                description = "where the channel is: slack or teams, e.g. --platform slack") String platform;
        @Option(names = "--team", required = true, paramLabel = "TEAM",
                description = "Slack workspace id (T...) or Teams tenant id, e.g. --team T0123ABCD") String team;
        @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
                description = "Slack channel id (C...) or Teams conversation id, e.g. --channel C0456EFGH") String channel;
        @Option(names = "--day", required = true, paramLabel = "MON..SUN",
                description = "day of the week, in the channel's zone: MON, TUE, WED, THU, FRI, SAT or SUN, e.g. --day MON")
        String day;
        @Option(names = "--time", required = true, paramLabel = "HH:MM", description = "local time in the channel's zone, 24-hour, e.g. --time 09:30") String time;
        @Option(names = "--zone", required = true, paramLabel = "IANA_ZONE", description = "the channel's time zone, an IANA name, e.g. --zone Europe/Berlin or Asia/Shanghai") String zone;
        @Option(names = "--language", defaultValue = "en", paramLabel = "en|zh|both",
                description = "language of the tips: en, zh, or both (each tip in both languages); default ${DEFAULT-VALUE}, e.g. --language both")
        String language;

        @Override
        public Integer call() {
            TipSchedules.Request request = new TipSchedules.Request(platform(), team(), channel(), day(), time(), zone(),
                    language());
            TipSchedule created = parent.withTips(tips -> {
                Outcome outcome = tips.schedules().schedule(Actor.cliOperator(), request);
                return ((Outcome.Done) outcome).schedule();
            });
            PrintWriter out = out(spec);
            out.printf("scheduled a weekly %s tip for %s %s: %s %s %s%n", created.language().code(),
                    created.platform(), created.channel(), created.day(), created.time(), created.zone());
            out.println(created.id());
            out.flush();
            return 0;
        }

        private String platform() {
            String p = platform.toLowerCase(Locale.ROOT);
            if (!p.equals("slack") && !p.equals("teams")) {
                throw bad("--platform", "slack or teams", platform);
            }
            return p;
        }

        private String team() {
            if (team.isBlank() || ("slack".equals(platform()) && !SLACK_TEAM.matcher(team).matches())) {
                throw bad("--team", "slack".equals(platform()) ? "a Slack workspace id such as T0123ABCD" : "a tenant id", team);
            }
            return team;
        }

        private String channel() {
            if (channel.isBlank() || ("slack".equals(platform()) && !SLACK_CHANNEL.matcher(channel).matches())) {
                throw bad("--channel", "slack".equals(platform()) ? "a Slack channel id such as C0123ABCD"
                        : "a Teams conversation id", channel);
            }
            return channel;
        }

        private DayOfWeek day() {
            String d = day.toUpperCase(Locale.ROOT);
            for (DayOfWeek w : DayOfWeek.values()) {
                if (w.name().equals(d) || w.name().substring(0, 3).equals(d)) {
                    return w;
                }
            }
            throw bad("--day", "one of MON, TUE, WED, THU, FRI, SAT, SUN", day);
        }

        private LocalTime time() {
            if (!HH_MM.matcher(time).matches()) {
                throw bad("--time", "a 24-hour local time HH:MM, such as 09:00", time);
            }
            return LocalTime.parse(time);
        }

        private ZoneId zone() {
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                throw bad("--zone", "an IANA time zone such as Europe/Berlin or America/New_York", zone);
            }
            return ZoneId.of(zone);
        }

        private TipLanguage language() {
            return TipLanguage.byCode(language).orElseThrow(() -> bad("--language", "en, zh or both", language));
        }

        private ParameterException bad(String option, String expected, String got) {
            return new ParameterException(spec.commandLine(),
                    String.format("Invalid value for option '%s': expected %s, got '%s'", option, expected, got));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Schedules with id, platform, channel, day, time, zone, language, state and next run.")
    static final class ListTips implements Callable<Integer> {
        @ParentCommand TipsCommand parent;
        @Spec CommandSpec spec;

        @Option(names = "--team", paramLabel = "TEAM", description = "only the schedules of this Slack workspace or Teams tenant, e.g. --team T0123ABCD") String team;
        @Option(names = "--json", description = "print a JSON array instead of a table, e.g. tips list --json") boolean json;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> rows = parent.withTips(tips -> tips.schedules()
                    .list(Actor.cliOperator(), Optional.ofNullable(team)).stream().map(ListTips::row).toList());
            PrintWriter out = out(spec);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                String format = "%-24s %-6s %-14s %-14s %-9s %-5s %-22s %-4s %-9s %s%n";
                out.printf(format, "ID", "PLAT", "TEAM", "CHANNEL", "DAY", "TIME", "ZONE", "LANG", "STATE", "NEXT RUN");
                for (Map<String, Object> r : rows) {
                    out.printf(format, r.get("id"), r.get("platform"), r.get("team"), r.get("channel"), r.get("day"),
                            r.get("time"), r.get("zone"), r.get("language"), r.get("state"),
                            r.get("next_run") == null ? "-" : r.get("next_run"));
                }
            }
            out.flush();
            return 0;
        }

        private static Map<String, Object> row(TipSchedules.Listed listed) {
            TipSchedule s = listed.schedule();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("platform", s.platform());
            row.put("team", s.team());
            row.put("channel", s.channel());
            row.put("day", s.day().name().substring(0, 3));
            row.put("time", s.time().toString());
            row.put("zone", s.zone().getId());
            row.put("language", s.language().code());
            row.put("state", s.state().code());
            row.put("next_run", listed.nextRun().map(t -> t.toOffsetDateTime().toString()).orElse(null));
            return row;
        }
    }

    /** Shared by pause, resume and cancel. */
    abstract static class Change implements Callable<Integer> {
        @ParentCommand TipsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "schedule id, as printed by schedule and list, e.g. ts-3f2a9c1e") String id;

        abstract Outcome apply(TipSchedules schedules);

        abstract String done();

        @Override
        public Integer call() {
            Outcome outcome = parent.withTips(tips -> apply(tips.schedules()));
            if (outcome instanceof Outcome.NotFound) {
                throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'ID': expected the id "
                        + "of an existing schedule (see tips list), got '" + id + "'");
            }
            out(spec).println(id + " " + done());
            out(spec).flush();
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule.")
    static final class Pause extends Change {
        Outcome apply(TipSchedules s) { return s.pause(Actor.cliOperator(), id); }
        String done() { return "paused"; }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused schedule.")
    static final class Resume extends Change {
        Outcome apply(TipSchedules s) { return s.resume(Actor.cliOperator(), id); }
        String done() { return "resumed"; }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a schedule for good.")
    static final class Cancel extends Change {
        Outcome apply(TipSchedules s) { return s.cancel(Actor.cliOperator(), id); }
        String done() { return "cancelled"; }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Print the next tip a schedule would send, without sending it.")
    static final class Preview implements Callable<Integer> {
        @ParentCommand TipsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID",
                description = "schedule id, as printed by schedule and list, e.g. ts-3f2a9c1e") String id;

        @Override
        public Integer call() {
            Optional<WeeklyTip> tip = parent.withTips(tips -> tips.schedules().preview(Actor.cliOperator(), id));
            if (tip.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Invalid value for parameter 'ID': expected the id "
                        + "of an existing schedule (see tips list), got '" + id + "'");
            }
            PrintWriter out = out(spec);
            out.println(tip.get().tipId() + " (" + tip.get().week() + ")");
            for (Tip t : tip.get().tips()) {
                Playbook p = Playbook.load(t.language());
                out.println();
                out.println(t.title());
                out.println(t.body());
                out.println(p.label("tip_try_this") + ": " + t.tryThis());
                out.println(p.label("principles") + ": " + p.principle(t.principle()).name());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "send-now", mixinStandardHelpOptions = true,
            description = "Deliver the next tip to the channel now, as a test (the week's own tip is still sent).")
    static final class SendNow implements Callable<Integer> {
        @ParentCommand TipsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID",
                description = "schedule id, as printed by schedule and list, e.g. ts-3f2a9c1e") String id;

        @Override
        public Integer call() {
            DeliveryResult result = parent.withTips(tips -> {
                TipSchedule s = tips.schedules().find(Actor.cliOperator(), id).orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "Invalid value for parameter 'ID': expected the id of an existing "
                        + "schedule (see tips list), got '" + id + "'"));
                try {
                    return tips.sendNow(s);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new DeliveryResult.Failed("interrupted", true);
                }
            });
            if (result instanceof DeliveryResult.Sent sent) {
                out(spec).println("sent (" + sent.messageRef() + ")");
                out(spec).flush();
                return 0;
            }
            spec.commandLine().getErr().println("partnerbot: not sent: " + describe(result));
            return 1;
        }

        private static String describe(DeliveryResult r) {
            if (r instanceof DeliveryResult.RetryAfter ra) {
                return "rate limited, retry after " + ra.delay().toSeconds() + " s";
            }
            if (r instanceof DeliveryResult.ChannelGone g) {
                return "the bot cannot post in that channel (" + g.reason() + ")";
            }
            return ((DeliveryResult.Failed) r).reason();
        }
    }

    /** The command line over the given settings (tests; the launcher uses the environment). */
    public static CommandLine commandLine(Supplier<Settings> settings) {
        return new CommandLine(new TipsCommand(settings));
    }
}
