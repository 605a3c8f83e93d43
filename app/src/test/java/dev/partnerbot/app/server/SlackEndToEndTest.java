package dev.partnerbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served application with the Slack adapter on, against a Slack Web API stand-in, with the real coach. */
class SlackEndToEndTest {
    private static final String SECRET = "e2e-signing-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer slack;
    private BotServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\",\"team_id\":\"T1\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"ts\":\"1700000000.000200\"}")));
        slack.stubFor(post(urlEqualTo("/respond")).willReturn(aResponse().withBody("ok")));
        slack.stubFor(post(urlPathEqualTo("/api/conversations.info")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":{\"id\":\"C1\",\"is_channel\":true,\"is_ext_shared\":false}}")));
        Settings base = SettingsLoader.load(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-e2e",
                "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", slack.baseUrl() + "/api/",
                "DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db")), Optional.empty());
        server = BotServer.start(new Settings(0, base.database(), base.slack(), base.teams(), base.managers(),
                base.tipGraceWindow(), base.shutdownTimeout()));
    }

    @AfterEach
    void stop() {
        server.close();
        slack.stop();
    }

    @Test
    void signedSlashCommandIsAckedAndAnsweredThroughResponseUrl() throws Exception {
        String body = "command=%2Fpartner&team_id=T1&channel_id=C1&user_id=U1&trigger_id=1.2.3"
                + "&text=" + URLEncoder.encode("They said we pay you, so do what we say", StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(slack.baseUrl() + "/respond", StandardCharsets.UTF_8);

        HttpResponse<String> ack = send(body, "application/x-www-form-urlencoded", Instant.now(), true);

        assertThat(ack.statusCode()).isEqualTo(200);
        awaitRequest(() -> slack.verify(postRequestedFor(urlEqualTo("/respond"))
                .withRequestBody(containing("power_play"))));
    }

    @Test
    void appMentionIsAnsweredInItsThread() throws Exception {
        String event = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event_id\":\"Ev1\",\"event_time\":1,"
                + "\"event\":{\"type\":\"app_mention\",\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"1700000000.000100\","
                + "\"text\":\"<@UBOT> the client called me at 2am and wanted a reply in five minutes\"}}";

        assertThat(send(event, "application/json", Instant.now(), true).statusCode()).isEqualTo(200);
        awaitRequest(() -> slack.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("thread_ts=1700000000.000100"))));
    }

    @Test
    void forgedStaleAndUnsignedRequestsAreRejected() throws Exception {
        String body = "command=%2Fpartner&text=hi&response_url=" + URLEncoder.encode(slack.baseUrl() + "/respond", StandardCharsets.UTF_8);

        assertThat(send(body, "application/x-www-form-urlencoded", Instant.now().minus(Duration.ofMinutes(10)), true).statusCode()).isEqualTo(401);
        assertThat(send(body, "application/x-www-form-urlencoded", Instant.now(), false).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        Thread.sleep(300);
        slack.verify(0, postRequestedFor(urlEqualTo("/respond")));
    }

    private HttpResponse<String> send(String body, String type, Instant at, boolean sign) throws Exception {
        String ts = String.valueOf(at.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sign) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
            request.header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitRequest(Runnable verification) throws InterruptedException {
        AssertionError last = null;
        for (int i = 0; i < 100; i++) {
            try {
                verification.run();
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }
}
