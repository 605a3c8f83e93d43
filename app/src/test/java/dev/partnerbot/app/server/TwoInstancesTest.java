package dev.partnerbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.app.tips.TestDatabases;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.teams.BotFrameworkStandIn;
import dev.partnerbot.teams.TeamsActivities;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

/**
 * Two served instances behind an imaginary load balancer, on one real PostgreSQL: an OAuth install begun
 * on one finishes on the other, the bot token is encrypted at rest, a Slack retry and the
 * {@code message}/{@code app_mention} pair of one DM landing on different instances are answered once, a
 * Teams redelivery to the other instance is answered once, and with one instance stopped the other
 * answers everything after.
 */
class TwoInstancesTest {
    private static final String SECRET = "two-instances-signing-secret";
    private static final String TEAM_TOKEN = "xoxb-installed-team-token-0123456789";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private WireMockServer slack;
    private final List<BotServer> servers = new ArrayList<>();
    private Settings.Database database;

    @BeforeEach
    void start() throws Exception {
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok":true,"app_id":"A1","authed_user":{"id":"U9"},"scope":"app_mentions:read,chat:write,commands",
                 "token_type":"bot","access_token":"%s","bot_user_id":"UBOT","team":{"id":"T2","name":"Agency Two"},
                 "enterprise":null,"is_enterprise_install":false}""".formatted(TEAM_TOKEN))));
        slack.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson(
                "{\"ok\":true,\"user_id\":\"UBOT\",\"team_id\":\"T2\",\"bot_id\":\"B2\",\"is_enterprise_install\":false}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"channel\":\"D2\",\"ts\":\"1700000001.000100\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/conversations.info")).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C2\",\"is_channel\":true,\"is_ext_shared\":false}}")));
        BotFrameworkStandIn.reset();
        database = TestDatabases.postgresSettings();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encryptionKey = Base64.getEncoder().encodeToString(key);
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_CLIENT_ID", "1111.2222",
                    "SLACK_CLIENT_SECRET", "client-secret-value",
                    "SLACK_API_URL", slack.baseUrl() + "/api/",
                    "SLACK_AUTHORIZE_URL", slack.baseUrl() + "/oauth/v2/authorize",
                    "PARTNERBOT_PUBLIC_URL", "https://bot.example.com/",
                    "PARTNERBOT_ENCRYPTION_KEY", encryptionKey));
            env.putAll(BotFrameworkStandIn.environment());
            Settings base = SettingsLoader.load(env, Optional.empty());
            Settings.Database db = new Settings.Database(database.url(), database.user(), database.password(),
                    base.database().encryptionKey(), Optional.empty());
            servers.add(BotServer.start(new Settings(0, db, base.slack(), base.teams(), base.managers(),
                    base.tipGraceWindow(), base.shutdownTimeout(), base.llm())));
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(BotServer::close);
        slack.stop();
    }

    private URI uri(int instance, String path) {
        return URI.create("http://127.0.0.1:" + servers.get(instance).port() + path);
    }

    private void installAcrossInstances() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri(0, "/slack/install")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElseThrow();
        String state = null;
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                state = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(uri(1, "/slack/oauth_redirect?code=abc123&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8))).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as("an install begun on one instance finishes on the other").isEqualTo(200);
    }

    private HttpResponse<String> event(int instance, String eventId, String eventJson, String... headers) throws Exception {
        String body = "{\"token\":\"x\",\"team_id\":\"T2\",\"api_app_id\":\"A1\",\"event\":" + eventJson
                + ",\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,"
                + "\"authorizations\":[{\"team_id\":\"T2\",\"user_id\":\"UBOT\",\"is_bot\":true}],\"is_ext_shared_channel\":false}";
        String ts = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(instance, "/slack/events")).header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String dm(String ts) {
        return "{\"type\":\"message\",\"channel_type\":\"im\",\"user\":\"U1\",\"text\":\"<@UBOT> they said we pay you, so do what we say\","
                + "\"ts\":\"" + ts + "\",\"channel\":\"D2\",\"event_ts\":\"" + ts + "\",\"team\":\"T2\"}";
    }

    private static String mention(String channel, String ts) {
        return "{\"type\":\"app_mention\",\"user\":\"U1\",\"text\":\"<@UBOT> they said we pay you, so do what we say\","
                + "\"ts\":\"" + ts + "\",\"channel\":\"" + channel + "\",\"event_ts\":\"" + ts + "\",\"team\":\"T2\"}";
    }

    private List<LoggedRequest> posts(String threadTs) {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .filter(r -> r.getBodyAsString().contains("thread_ts=" + threadTs)).toList();
    }

    private List<LoggedRequest> awaitPosts(String threadTs, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (posts(threadTs).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        Thread.sleep(500);
        return posts(threadTs);
    }

    @Test
    void twoInstancesOnOnePostgresAnswerEveryMessageExactlyOnce() throws Exception {
        installAcrossInstances();

        // The bot token is stored encrypted: it appears in no table.
        try (var db = dev.partnerbot.app.db.Database.open(database); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bot_token FROM slack_installation")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("enc:v1:").doesNotContain(TEAM_TOKEN);
        }

        // A DM that mentions the bot arrives as message (E1, instance 0) and app_mention (E2, instance 1).
        assertThat(event(0, "E1", dm("1700000000.000100")).statusCode()).isEqualTo(200);
        assertThat(event(1, "E2", mention("D2", "1700000000.000100")).statusCode()).isEqualTo(200);
        // A mention, then Slack's retry of it landing on the other instance.
        assertThat(event(0, "E3", mention("C2", "1700000000.000200")).statusCode()).isEqualTo(200);
        assertThat(event(1, "E3", mention("C2", "1700000000.000200"), "X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout").statusCode()).isEqualTo(200);

        List<LoggedRequest> dmAnswers = awaitPosts("1700000000.000100", 1);
        List<LoggedRequest> mentionAnswers = awaitPosts("1700000000.000200", 1);
        assertThat(dmAnswers).hasSize(1);
        assertThat(mentionAnswers).hasSize(1);
        assertThat(dmAnswers.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TEAM_TOKEN);

        // Teams redelivers an activity to the other instance: one answer.
        String activity = TeamsActivities.personalMessage("1715000160000", "they said we pay you, so do what we say").toString();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(i, "/api/messages")).header("Content-Type", "application/json")
                    .header("Authorization", BotFrameworkStandIn.token().header())
                    .POST(HttpRequest.BodyPublishers.ofString(activity)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(BotFrameworkStandIn.SERVER.findAll(postRequestedFor(urlPathMatching("/v3/conversations/.+")))).hasSize(1);

        // One instance stops; the other answers everything after.
        servers.get(0).close();
        for (int k = 0; k < 3; k++) {
            String ts = "1700000000.00030" + k;
            assertThat(event(1, "E4" + k, mention("C2", ts)).statusCode()).isEqualTo(200);
            assertThat(awaitPosts(ts, 1)).hasSize(1);
        }
        servers.remove(0);
    }
}
