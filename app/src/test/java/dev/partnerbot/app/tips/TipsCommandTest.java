package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.app.cli.TipsCommand;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TipsCommandTest {
    private final Settings settings = SettingsLoader.load(Map.of(
            "DATABASE_URL", "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), Optional.empty());

    private record Run(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    private Run tips(String... args) {
        CommandLine cli = TipsCommand.commandLine(() -> settings);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String schedule() {
        Run run = tips("schedule", "--platform", "slack", "--team", "T0123ABCD", "--channel", "C0123ABCD",
                "--day", "MON", "--time", "09:00", "--zone", "Europe/Berlin", "--language", "both");
        assertThat(run.exit()).as(run.err()).isZero();
        return run.lastLine();
    }

    @Test
    void scheduleprintsTheNewIdOnTheLastLine_andListShowsItWithItsNextRun() throws Exception {
        String id = schedule();
        assertThat(id).startsWith("ts-");

        Run list = tips("list", "--team", "T0123ABCD", "--json");
        assertThat(list.exit()).isZero();
        JsonNode rows = new ObjectMapper().readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id").asText()).isEqualTo(id);
        assertThat(rows.get(0).get("state").asText()).isEqualTo("active");
        assertThat(rows.get(0).get("next_run").asText()).matches("\\d{4}-\\d\\d-\\d\\dT09:00\\+0[12]:00");
        assertThat(tips("list", "--team", "T9999").out()).doesNotContain(id);
    }

    @Test
    void pauseResumeCancelChangeTheState() throws Exception {
        String id = schedule();
        assertThat(tips("pause", id).exit()).isZero();
        assertThat(tips("list", "--json").out()).contains("\"paused\"");
        assertThat(tips("resume", id).exit()).isZero();
        assertThat(tips("cancel", id).exit()).isZero();
        assertThat(new ObjectMapper().readTree(tips("list", "--json").out())).isEmpty();
    }

    @Test
    void previewPrintsTheNextTipInBothLanguages() {
        String id = schedule();
        Run preview = tips("preview", id);
        assertThat(preview.exit()).isZero();
        assertThat(preview.out()).contains("Try this:").contains("试试这样做:");
    }

    @Test
    void badZoneExitsTwoNamingTheArgumentAndWhatIsExpected() {
        Run run = tips("schedule", "--platform", "slack", "--team", "T0123ABCD", "--channel", "C0123ABCD",
                "--day", "MON", "--time", "09:00", "--zone", "Mars/Olympus");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--zone").contains("IANA time zone");
    }

    @Test
    void badDayTimeAndPlatformExitTwo() {
        assertThat(tips("schedule", "--platform", "slack", "--team", "T0123ABCD", "--channel", "C0123ABCD",
                "--day", "FUNDAY", "--time", "09:00", "--zone", "UTC").err()).contains("--day").contains("MON");
        assertThat(tips("schedule", "--platform", "slack", "--team", "T0123ABCD", "--channel", "C0123ABCD",
                "--day", "MON", "--time", "9am", "--zone", "UTC").exit()).isEqualTo(2);
        Run platform = tips("schedule", "--platform", "irc", "--team", "T0123ABCD", "--channel", "C0123ABCD",
                "--day", "MON", "--time", "09:00", "--zone", "UTC");
        assertThat(platform.exit()).isEqualTo(2);
        assertThat(platform.err()).contains("--platform").contains("slack or teams");
    }

    @Test
    void unknownIdExitsTwo() {
        Run run = tips("pause", "ts-nope");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ID");
    }

    @Test
    void sendNowWithoutSlackCredentialsSaysSoAndFails() {
        String id = schedule();
        Run run = tips("send-now", id);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not configured");
    }
}
