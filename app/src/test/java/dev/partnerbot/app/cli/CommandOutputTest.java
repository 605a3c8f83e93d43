package dev.partnerbot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.PartnerBot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the command line prints: its own output only (library lines go to the CLI log file), and every
 * option and parameter of every command described with an example.
 */
class CommandOutputTest {

    private record Run(int exit, String out, String err) {
    }

    /** Runs {@code PartnerBot.main} in a fresh JVM, as {@code ./partnerbot} does, in {@code dir}. */
    private static Run partnerbot(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PartnerBot.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        builder.environment().remove("PARTNERBOT_LOG_LEVEL");
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
    }

    @Test
    void tipsScheduleAndListPrintOnlyTheirOwnOutput(@TempDir Path dir) throws Exception {
        Run schedule = partnerbot(dir, "tips", "schedule", "--platform", "slack", "--team", "T0123ABCD",
                "--channel", "C0123ABCD", "--day", "MON", "--time", "09:00", "--zone", "Europe/Berlin");
        assertThat(schedule.exit()).as(schedule.err()).isZero();
        assertThat(schedule.err()).isEmpty();
        assertThat(schedule.out().strip().lines()).allMatch(l -> !l.matches(".*\\b(INFO|WARN|DEBUG)\\b.*"));
        assertThat(schedule.out().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("ts-");

        Run list = partnerbot(dir, "tips", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err()).isEmpty();
        List<String> lines = list.out().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ID ");
        assertThat(lines.get(1)).startsWith("ts-").contains("C0123ABCD", "Europe/Berlin");

        // The library lines were kept, in the log file, not thrown away.
        Path log = dir.resolve("data/logs/partnerbot-cli.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).isNotBlank();
    }

    @Test
    void everyOptionAndParameterOfEveryCommandSaysWhatItTakesWithAnExample() {
        List<String> missing = new ArrayList<>();
        visit(new CommandLine(new PartnerBot()).getCommandSpec(), missing);

        assertThat(missing).isEmpty();
    }

    private static void visit(CommandSpec spec, List<String> missing) {
        if (spec.userObject() instanceof CommandLine.HelpCommand) {
            return; // picocli's own "help COMMAND"
        }
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
                continue;
            }
            String name = spec.qualifiedName() + " " + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel());
            String description = String.join(" ", arg.description());
            if (description.isBlank()) {
                missing.add(name + ": no description");
            } else if (!description.contains("e.g.")) {
                missing.add(name + ": no example");
            }
        }
        spec.subcommands().values().forEach(sub -> {
            if (sub.getCommandSpec() != spec) {
                visit(sub.getCommandSpec(), missing);
            }
        });
    }
}
