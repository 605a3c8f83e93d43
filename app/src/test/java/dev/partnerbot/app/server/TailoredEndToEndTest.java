package dev.partnerbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.teams.BotFrameworkStandIn;
import dev.partnerbot.teams.TeamsActivities;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The served application with an LLM stand-in that speaks OpenAI's chat-completions API: a Slack mention
 * gets one card and then one in-place update carrying the model's drafts, a Teams mention likewise; with
 * the model down the offline card stands and nothing else is posted; without consent no request reaches
 * the stand-in; the API key appears in no log line.
 */
class TailoredEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "e2e-signing-secret";
    private static final String KEY = "sk-e2e-secret-key-0123456789";
    private static final String WARM = "I hear you on the budget and the timing. Let's agree what matters most in this first phase, so the team can focus there.";
    private static final String ANSWER = "{\"behaviours\":[\"power_play\"],\"replies\":["
            + "{\"tone\":\"warm\",\"text\":\"" + WARM + "\"},"
            + "{\"tone\":\"firm\",\"text\":\"Our job is to get you the result, and that works best when we decide the approach together with our recommendation on the table.\"}],"
            + "\"next_step\":\"Book a short call to agree the goal of the work before the next request.\"}";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private WireMockServer stubs;
    private BotServer server;

    @BeforeEach
    void start() {
        stubs = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stubs.start();
        stubs.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson("{\"ok\":true,\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\",\"team_id\":\"T1\"}")));
        stubs.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000200\"}")));
        stubs.stubFor(post(urlPathEqualTo("/api/chat.update")).willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000200\"}")));
        stubs.stubFor(post(urlPathEqualTo("/api/conversations.info")).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C1\",\"is_channel\":true,\"is_ext_shared\":false}}")));
        BotFrameworkStandIn.reset();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
        stubs.stop();
    }

    private void serve(boolean consent) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-e2e",
                "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", stubs.baseUrl() + "/api/",
                "DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db"),
                "PARTNERBOT_LLM_PROVIDER", "openai",
                "PARTNERBOT_LLM_URL", stubs.baseUrl() + "/v1",
                "PARTNERBOT_LLM_MODEL", "stand-in-model",
                "PARTNERBOT_LLM_API_KEY", KEY,
                "PARTNERBOT_LLM_SEND_TEXT", String.valueOf(consent),
                "PARTNERBOT_LLM_TIMEOUT_MS", "3000"));
        env.putAll(BotFrameworkStandIn.environment());
        Settings base = SettingsLoader.load(env, Optional.empty());
        server = BotServer.start(new Settings(0, base.database(), base.slack(), base.teams(), base.managers(),
                base.tipGraceWindow(), base.shutdownTimeout(), base.llm()));
    }

    private void modelAnswers(String content) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000).put("model", "stand-in-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 120).put("total_tokens", 1020);
        stubs.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(JSON.writeValueAsString(root))));
    }

    private void mention(String eventId, String ts) throws Exception {
        String event = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event_id\":\"" + eventId
                + "\",\"event_time\":1,\"event\":{\"type\":\"app_mention\",\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"" + ts
                + "\",\"text\":\"<@UBOT> they said we pay you, so do what we say\"}}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + now + ":" + event).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);
    }

    private List<LoggedRequest> await(String path, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<LoggedRequest> found = stubs.findAll(postRequestedFor(urlPathEqualTo(path)));
        while (found.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(25);
            found = stubs.findAll(postRequestedFor(urlPathEqualTo(path)));
        }
        return found;
    }

    private static String form(LoggedRequest r, String field) {
        for (String pair : r.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(field)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void aSlackMentionGetsOneCardThenOneUpdateWithTheTailoredDrafts() throws Exception {
        modelAnswers(ANSWER);
        serve(true);

        mention("EvT1", "1700000000.000100");

        List<LoggedRequest> updates = await("/api/chat.update", 1);
        assertThat(updates).hasSize(1);
        assertThat(form(updates.get(0), "ts")).isEqualTo("1700000000.000200");
        assertThat(form(updates.get(0), "blocks")).contains(WARM.substring(0, 40)).contains("stand-in-model");
        Thread.sleep(300);
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))).hasSize(1);
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")))).hasSize(1);
        LoggedRequest call = stubs.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY).doesNotContain("do what we say"));
    }

    @Test
    void withTheModelDownTheOfflineCardStandsAndNothingElseIsPosted() throws Exception {
        stubs.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)));
        serve(true);

        mention("EvT2", "1700000000.000300");

        assertThat(await("/api/chat.postMessage", 1)).hasSize(1);
        await("/v1/chat/completions", 3);
        Thread.sleep(500);
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")))).isEmpty();
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")))).hasSize(1);
    }

    @Test
    void withoutConsentNoRequestReachesTheModel() throws Exception {
        modelAnswers(ANSWER);
        serve(false);

        mention("EvT3", "1700000000.000400");

        assertThat(await("/api/chat.postMessage", 1)).hasSize(1);
        Thread.sleep(500);
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))).isEmpty();
        assertThat(stubs.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")))).isEmpty();
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anySatisfy(l -> assertThat(l).contains("PARTNERBOT_LLM_SEND_TEXT"));
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
    }

    @Test
    void aTeamsMentionGetsOneCardThenOneUpdateInPlace() throws Exception {
        modelAnswers(ANSWER);
        serve(true);
        String body = TeamsActivities.channelMention("1715000150000", "they said we pay you, so do what we say").toString();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .header("Content-Type", "application/json").header("Authorization", BotFrameworkStandIn.token().header())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        List<LoggedRequest> posts = BotFrameworkStandIn.SERVER.findAll(postRequestedFor(urlPathMatching("/v3/conversations/.+")));
        List<LoggedRequest> puts = BotFrameworkStandIn.SERVER.findAll(putRequestedFor(urlPathMatching("/v3/conversations/.+")));
        assertThat(posts).hasSize(1);
        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).getUrl()).endsWith("/activities/1700000000999");
        JsonNode card = JSON.readTree(puts.get(0).getBodyAsString()).path("attachments").path(0).path("content");
        assertThat(card.toString()).contains(WARM.substring(0, 40)).contains("stand-in-model");
        assertThat(BotFrameworkStandIn.connectorWrites()).hasSize(2);
    }
}
