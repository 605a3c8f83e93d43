package dev.partnerbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode end to end: Bolt's Socket Mode client (Java-WebSocket backend) opens the connection
 * URL that {@code apps.connections.open} on WireMock names, a local WebSocket server plays Slack's
 * side, and the answer goes out through the Web API as in HTTP mode.
 */
class SocketModeTest {
    private static final String ENVELOPE_ID = "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545";

    private final BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
    private final CountDownLatch serverStarted = new CountDownLatch(1);
    private WebSocketServer slackSide;
    private SlackHarness slack;

    @BeforeEach
    void start() throws Exception {
        slackSide = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-local\","
                        + "\"build_number\":1,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A1\"}}");
                String event = "{\"type\":\"app_mention\",\"user\":\"U1\",\"text\":\"<@UBOT> The client says we pay, so just do it.\","
                        + "\"ts\":\"1700000000.000700\",\"team\":\"T1\",\"channel\":\"C1\",\"event_ts\":\"1700000000.000700\"}";
                conn.send("{\"envelope_id\":\"" + ENVELOPE_ID + "\",\"payload\":" + SlackHarness.eventEnvelope("T1", "EvSocket", event)
                        + ",\"type\":\"events_api\",\"accepts_response_payload\":false,\"retry_attempt\":0,\"retry_reason\":\"\"}");
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                fromBot.add(message);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
                serverStarted.countDown();
            }
        };
        slackSide.setReuseAddr(true);
        slackSide.start();
        assertThat(serverStarted.await(10, TimeUnit.SECONDS)).isTrue();
        int port = slackSide.getPort();

        slack = new SlackHarness(api -> new Settings.Slack(Optional.of(Secret.of(SlackHarness.BOT_TOKEN)), Optional.empty(),
                Optional.of(Secret.of("xapp-1-A1-test-app-token")), Optional.empty(), Optional.empty(), URI.create(api + "/api/")), null);
        slack.slackApi.stubFor(post(urlEqualTo("/api/apps.connections.open"))
                .willReturn(okJson("{\"ok\":true,\"url\":\"ws://127.0.0.1:" + port + "/link/?ticket=t1&app_id=A1\"}")));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        slackSide.stop(1000);
    }

    @Test
    void appMentionOverSocketModeIsAcknowledgedOnTheSocketAndAnsweredInItsThread() throws Exception {
        slack.adapter.start();

        assertThat(slack.adapter.socketMode()).isTrue();
        String ack = fromBot.poll(10, TimeUnit.SECONDS);
        assertThat(ack).as("the envelope's acknowledgement").isNotNull();
        JsonNode ackJson = SlackHarness.json(ack);
        assertThat(ackJson.path("envelope_id").asText()).isEqualTo(ENVELOPE_ID);
        Map<String, String> post = SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0));
        assertThat(post).containsEntry("channel", "C1").containsEntry("thread_ts", "1700000000.000700");
        assertThat(slack.calls("/api/apps.connections.open").get(0).getHeader("Authorization"))
                .isEqualTo("Bearer xapp-1-A1-test-app-token");
    }
}
