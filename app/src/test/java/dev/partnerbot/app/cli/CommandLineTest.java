package dev.partnerbot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.app.PartnerBot;
import dev.partnerbot.core.coach.Coach;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The commands of interfaces.md, on the real models. */
class CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Coach coach;

    @BeforeAll
    static void load() {
        coach = Coach.load();
    }

    @AfterAll
    static void close() throws Exception {
        coach.close();
    }

    private static JsonNode line(String input) throws Exception {
        String out = JsonLines.answer(input, coach);
        assertThat(out).doesNotContain("\n");
        return JSON.readTree(out);
    }

    @Test
    void jsonlAnswersPowerPlayInEnglishWithRepliesAndCues() throws Exception {
        JsonNode out = line("{\"id\":\"a\",\"text\":\"They said we pay you, so do what we say\"}");

        assertThat(out.path("id").asText()).isEqualTo("a");
        assertThat(out.path("language").asText()).isEqualTo("en");
        assertThat(out.path("behaviours").findValuesAsText("id")).contains("power_play");
        assertThat(out.path("behaviours").get(0).path("cues").size()).isGreaterThan(0);
        assertThat(out.path("replies").size()).isGreaterThanOrEqualTo(2);
        assertThat(out.path("principles").size()).isGreaterThan(0);
        assertThat(out.path("next_step").asText()).isNotBlank();
    }

    @Test
    void jsonlAnswersAChineseMessageInChinese() throws Exception {
        JsonNode out = line("{\"id\":\"z\",\"text\":\"客户说我们只是乙方，让我们闭嘴照做就行。\"}");

        assertThat(out.path("language").asText()).isEqualTo("zh");
        assertThat(out.path("replies").get(0).path("text").asText()).containsPattern("\\p{IsHan}");
    }

    @Test
    void jsonlGreetingHasNoBehavioursAndAHelpString() throws Exception {
        JsonNode out = line("{\"id\":\"g\",\"text\":\"hello\"}");

        assertThat(out.path("behaviours").size()).isZero();
        assertThat(out.path("replies").size()).isZero();
        assertThat(out.path("help").asText()).isNotBlank();
    }

    @Test
    void jsonlInvalidLinesYieldAnErrorWithTheirId() throws Exception {
        assertThat(line("this is not json").path("error").asText()).contains("not valid JSON");
        assertThat(line("{\"id\":\"m\"}").path("error").asText()).contains("text");
        JsonNode empty = line("{\"id\":\"e\",\"text\":\"   \"}");
        assertThat(empty.path("id").asText()).isEqualTo("e");
        assertThat(empty.path("error").asText()).contains("empty");
        assertThat(line("[1,2]").has("error")).isTrue();
    }

    @Test
    void jsonlWritesExactlyOneLinePerInputLineBlankLinesIncluded() throws Exception {
        String input = "{\"id\":\"1\",\"text\":\"They said we pay you, so do what we say\"}\n\n   \nnot json\n"
                + "{\"id\":\"5\",\"text\":\"hello\"}\n";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        JsonLines.answerAll(new java.io.BufferedReader(new java.io.StringReader(input)),
                new java.io.PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), true), coach, false);
        List<String> out = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(out).hasSize(5);
        assertThat(JSON.readTree(out.get(0)).path("id").asText()).isEqualTo("1");
        assertThat(JSON.readTree(out.get(1)).path("error").asText()).contains("empty line");
        assertThat(JSON.readTree(out.get(2)).path("error").asText()).contains("empty line");
        assertThat(JSON.readTree(out.get(3)).path("error").asText()).contains("not valid JSON");
        assertThat(JSON.readTree(out.get(4)).path("id").asText()).isEqualTo("5");
    }

    @Test
    void jsonlFlagsTruncatedLongText() throws Exception {
        String text = "The client keeps adding pages to the site for free. ".repeat(60);
        assertThat(line(JSON.writeValueAsString(java.util.Map.of("id", "l", "text", text))).path("truncated").asBoolean()).isTrue();
    }

    @Test
    void helpListsEveryCommandOfTheSpec() {
        String out = run(null, "--help");
        assertThat(out).contains("chat", "interpret", "evaluate", "serve", "tips");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(PartnerBot.run("no-such-command")).isEqualTo(2);
        assertThat(PartnerBot.run("interpret", "--no-such-option")).isEqualTo(2);
    }

    @Test
    void chatSaysThereIsNothingToRedraftAfterAGreetingOrAtTheStart() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        ChatCommand.converse(coach, new java.io.BufferedReader(new java.io.StringReader("/more\nhello\n/more\n/firmer\n")),
                new java.io.PrintWriter(out), false);

        String nothing = coach.playbook(dev.partnerbot.core.Language.EN).label("nothing_to_redraft");
        String help = coach.playbook(dev.partnerbot.core.Language.EN).help().text();
        assertThat(out.toString().split(java.util.regex.Pattern.quote(nothing), -1)).hasSize(4);
        assertThat(out.toString().split(java.util.regex.Pattern.quote(help), -1)).as("help shown once, for hello").hasSize(2);
    }

    @Test
    void chatRedraftsTheLastSuggestionWithMore() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        ChatCommand.converse(coach, new java.io.BufferedReader(new java.io.StringReader(
                "They said we pay you, so do what we say\n/more\n")), new java.io.PrintWriter(out), false);

        assertThat(out.toString()).doesNotContain(coach.playbook(dev.partnerbot.core.Language.EN).label("nothing_to_redraft"));
    }

    @Test
    void chatReadsOneMessagePerLineUntilQuit() {
        String out = run("hello\nThey said we pay you, so do what we say\n/quit\nnever read\n", "chat");

        assertThat(out).contains("power_play");
        assertThat(out).doesNotContain("never read");
    }

    private static String run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = PartnerBot.run(args);
            assertThat(code).isZero();
        } finally {
            System.setIn(in);
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
