package dev.partnerbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served application with the Teams adapter on, configured only through its environment
 * ({@code MICROSOFT_APP_ID}, {@code MICROSOFT_APP_PASSWORD}, {@code MICROSOFT_APP_TENANT_ID},
 * {@code BOTFRAMEWORK_OPENID_METADATA_URL}, {@code BOTFRAMEWORK_TOKEN_URL}) to use the Teams module's
 * Bot Framework stand-in, with the real coach: the "Done when" of the Teams adapter issue.
 *
 * <p>The SDK's OpenID metadata URL is JVM-wide, so every Teams test in this JVM uses the one static
 * stand-in; one server serves all tests here, the stand-in is reset before each.
 */
class TeamsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static BotServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        BotFrameworkStandIn.reset();
        Map<String, String> env = new java.util.HashMap<>(BotFrameworkStandIn.environment());
        env.put("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db"));
        Settings base = SettingsLoader.load(env, Optional.empty());
        server = BotServer.start(new Settings(0, base.database(), base.slack(), base.teams(), base.managers(),
                base.tipGraceWindow(), base.shutdownTimeout()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void resetStandIn() {
        BotFrameworkStandIn.reset();
    }

    @Test
    void healthReportsTheTeamsAdapterOn() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(health.body());
        assertThat(json.path("adapters").path("teams").isBoolean()).isTrue();
        assertThat(json.path("adapters").path("teams").asBoolean()).isTrue();
        assertThat(json.path("adapters").path("slack").asBoolean(true)).isFalse();
    }

    @Test
    void signedChannelMentionIsAcceptedAndAnsweredInItsThreadWithTheBotsToken() throws Exception {
        String activityId = "1715000140000";
        String body = TeamsActivities.channelMention(activityId, "they said we pay you, so do what we say").toString();

        long started = System.nanoTime();
        HttpResponse<String> response = post(BotFrameworkStandIn.token().header(), body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        // Teams gives up on a bot after 15 s; the issue asks for 3 s, with the real coach, token fetch included.
        assertThat(took).isLessThan(Duration.ofSeconds(3));

        LoggedRequest reply = onlyConnectorCall();
        assertThat(reply.getMethod().value()).isEqualTo("POST");
        assertThat(reply.getUrl()).startsWith("/v3/conversations/").endsWith("/activities/" + activityId);
        assertThat(URLDecoder.decode(reply.getUrl(), StandardCharsets.UTF_8))
                .isEqualTo("/v3/conversations/" + TeamsActivities.THREAD + "/activities/" + activityId);
        assertThat(reply.getHeader("Authorization")).isEqualTo("Bearer " + BotFrameworkStandIn.BOT_TOKEN);

        JsonNode activity = JSON.readTree(reply.getBodyAsString());
        assertThat(activity.path("type").asText()).isEqualTo("message");
        assertThat(activity.path("replyToId").asText()).isEqualTo(activityId);
        assertThat(activity.path("conversation").path("id").asText()).isEqualTo(TeamsActivities.THREAD);
        JsonNode attachment = activity.path("attachments").path(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("version").asText()).isEqualTo("1.5");
        // the real coach read the message: its actions carry the behaviour it saw, never the text
        assertThat(attachment.path("content").toString()).contains("power_play").doesNotContain("do what we say");

        // The only replying test here, so the token was fetched now: once, with the app's own credentials.
        List<LoggedRequest> tokenRequests = BotFrameworkStandIn.SERVER.findAll(
                postRequestedFor(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath()))
                        .withRequestBody(containing("grant_type=client_credentials"))
                        .withRequestBody(containing("client_id=" + BotFrameworkStandIn.APP_ID)));
        assertThat(tokenRequests).hasSize(1);
    }

    @Test
    void rejectsAMentionWithoutAToken() throws Exception {
        assertRejected(null);
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        // Beyond the SDK's five minutes of clock skew.
        assertRejected(BotFrameworkStandIn.token().expiringAt(Instant.now().minus(Duration.ofMinutes(10))).header());
    }

    @Test
    void rejectsATokenForAnotherBot() throws Exception {
        assertRejected(BotFrameworkStandIn.token().withAudience("0a1b2c3d-0000-4000-8000-another0bot0").header());
    }

    @Test
    void rejectsATokenFromAnotherIssuer() throws Exception {
        assertRejected(BotFrameworkStandIn.token().withIssuer("https://evil.example.com").header());
    }

    @Test
    void rejectsATokenSignedByAnUnknownKey() throws Exception {
        assertRejected(BotFrameworkStandIn.token().signedBy("unknown-key", BotFrameworkStandIn.rsa()).header());
    }

    @Test
    void answersMalformedJsonFromAnAuthenticatedCallerWith4xxNot5xx() throws Exception {
        HttpResponse<String> response = post(BotFrameworkStandIn.token().header(), "{\"type\": \"message\", ");

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAnAuthenticatedActivityWithoutAConversationWith4xxNot5xx() throws Exception {
        var activity = TeamsActivities.channelMention("1715000140001", "they said we pay you, so do what we say");
        activity.remove("conversation");

        HttpResponse<String> response = post(BotFrameworkStandIn.token().header(), activity.toString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(connectorCalls()).isEmpty();
    }

    private void assertRejected(String authorization) throws Exception {
        String body = TeamsActivities.channelMention("1715000140099", "they said we pay you, so do what we say").toString();

        HttpResponse<String> response = post(authorization, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(connectorCalls()).isEmpty();
        assertThat(BotFrameworkStandIn.SERVER.findAll(
                postRequestedFor(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath())))).isEmpty();
    }

    private HttpResponse<String> post(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static List<LoggedRequest> connectorCalls() {
        return BotFrameworkStandIn.connectorWrites();
    }

    private static LoggedRequest onlyConnectorCall() {
        List<LoggedRequest> calls = connectorCalls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }
}
