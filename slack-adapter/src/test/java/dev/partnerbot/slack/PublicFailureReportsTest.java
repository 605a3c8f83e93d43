package dev.partnerbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.slack.events.ThreadConversations;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Inputs built from public bug reports by people who build Slack bots (Bolt and Slack documentation
 * trackers), each with the outcome Slack users need: one answer per user message, no valid message
 * dropped by a subtype filter, every documented kind of request answered as Slack expects, and one log
 * line per handled message.
 */
class PublicFailureReportsTest {
    private static final String CLIENT_TEXT = "The client says we pay, so just do it by Monday.";
    private SlackHarness slack;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackHarness();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ThreadConversations.class)).addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(ThreadConversations.class)).detachAppender(logs);
        slack.close();
    }

    private static String dm(String subtype, String ts, String extra) {
        return "{\"type\":\"message\"," + (subtype == null ? "" : "\"subtype\":\"" + subtype + "\",")
                + "\"channel_type\":\"im\",\"user\":\"U1\",\"text\":\"<@UBOT> " + CLIENT_TEXT + "\",\"ts\":\"" + ts
                + "\",\"channel\":\"D1\",\"event_ts\":\"" + ts + "\"" + extra + "}";
    }

    private static String mentionIn(String channel, String subtype, String ts) {
        return "{\"type\":\"app_mention\"," + (subtype == null ? "" : "\"subtype\":\"" + subtype + "\",")
                + "\"user\":\"U1\",\"text\":\"<@UBOT> " + CLIENT_TEXT + "\",\"ts\":\"" + ts + "\",\"team\":\"T1\","
                + "\"channel\":\"" + channel + "\",\"event_ts\":\"" + ts + "\"}";
    }

    /** Waits for the worker to finish: one later, different message is answered after the ones before it. */
    private List<LoggedRequest> postsAfterAMarker(int expectedBefore) throws Exception {
        slack.event("EvMarker", mentionIn("C9", null, "1700000999.000100"));
        List<LoggedRequest> posts = slack.awaitCalls("/api/chat.postMessage", expectedBefore + 1);
        Thread.sleep(200);
        return slack.calls("/api/chat.postMessage").stream()
                .filter(p -> !"C9".equals(SlackHarness.form(p).get("channel"))).toList();
    }

    @Test
    void aDirectMessageThatAlsoMentionsTheBotIsAnsweredOnce() throws Exception {
        // The same user message arrives as message.im (E1) and as app_mention (E2): same channel and ts.
        slack.event("E1", dm(null, "1700000000.000100", ""));
        HttpResponse<String> second = slack.event("E2", mentionIn("D1", null, "1700000000.000100"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(postsAfterAMarker(1)).hasSize(1);
    }

    @Test
    void aThreadReplyAlsoSentToTheChannelIsAnswered() throws Exception {
        slack.event("EvBroadcast", mentionIn("C1", "thread_broadcast", "1700000000.000200"));

        Map<String, String> post = SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0));
        assertThat(post).containsEntry("channel", "C1").containsEntry("thread_ts", "1700000000.000200");
        assertThat(post.get("blocks")).contains("another_draft");
    }

    @Test
    void aDirectMessageWithAFileIsAnsweredOnItsTextSayingFilesAreNotRead() throws Exception {
        slack.event("EvFile", dm("file_share", "1700000000.000300",
                ",\"files\":[{\"id\":\"F1\",\"name\":\"brief.pdf\",\"mimetype\":\"application/pdf\"}]"));

        Map<String, String> post = SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0));
        assertThat(post).containsEntry("channel", "D1");
        assertThat(post.get("text")).startsWith("I only read the text of a message, not attached files");
        assertThat(post.get("blocks")).contains("not attached files").contains("another_draft");
    }

    @Test
    void editsDeletionsAndBotMessagesStayUnanswered() throws Exception {
        slack.event("EvChanged", dm("message_changed", "1700000000.000400", ""));
        slack.event("EvDeleted", dm("message_deleted", "1700000000.000500", ""));
        slack.event("EvBotMsg", dm("bot_message", "1700000000.000600", ",\"bot_id\":\"B9\""));

        assertThat(postsAfterAMarker(0)).isEmpty();
    }

    @Test
    void everyHandledMessageLeavesOneLogLineWithIdsAndLabelsButNoText() throws Exception {
        slack.event("EvLog", mentionIn("C1", null, "1700000000.000700"));
        slack.awaitCalls("/api/chat.postMessage", 1);
        Thread.sleep(200);

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(l -> l.contains("ts=1700000000.000700")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("app_mention", "team=T1", "channel=C1", "power_play", " ms")
                .doesNotContain("we pay").doesNotContain("Monday");
    }

    @Test
    void aMentionInASlackConnectChannelIsAnsweredOnlyToTheAskerSayingWhy() throws Exception {
        // The envelope says the channel is shared with another organisation (the client may read it).
        String envelope = SlackHarness.eventEnvelope("T1", "EvConnect", mentionIn("C7", null, "1700000000.000800"))
                .replace("\"is_ext_shared_channel\":false", "\"is_ext_shared_channel\":true");
        slack.signed("application/json", envelope);

        Map<String, String> ephemeral = SlackHarness.form(slack.awaitCalls("/api/chat.postEphemeral", 1).get(0));
        assertThat(ephemeral).containsEntry("channel", "C7").containsEntry("user", "U1")
                .containsEntry("thread_ts", "1700000000.000800");
        assertThat(ephemeral.get("text")).startsWith("This channel is shared with people outside your workspace");
        assertThat(ephemeral.get("blocks")).contains("another_draft");
        assertThat(postsAfterAMarker(0)).as("nothing posted for the channel to read").isEmpty();
    }

    @Test
    void aMentionInAChannelSlackReportsAsExternallySharedIsAnsweredPrivately() throws Exception {
        slack.slackApi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/conversations.info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("channel=C6"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"ok\":true,\"channel\":{\"id\":\"C6\",\"is_channel\":true,\"is_shared\":true,\"is_ext_shared\":true}}"))
                .atPriority(1));
        slack.event("EvShared", mentionIn("C6", null, "1700000000.000900"));

        assertThat(SlackHarness.form(slack.awaitCalls("/api/chat.postEphemeral", 1).get(0))).containsEntry("channel", "C6");
        assertThat(postsAfterAMarker(0)).isEmpty();
    }

    @Test
    void whenTheChannelCannotBeLookedUpTheAnswerIsPrivate() throws Exception {
        slack.slackApi.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/conversations.info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("channel=C5"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"ok\":false,\"error\":\"missing_scope\"}"))
                .atPriority(1));
        slack.event("EvUnknown", mentionIn("C5", null, "1700000000.001000"));

        assertThat(SlackHarness.form(slack.awaitCalls("/api/chat.postEphemeral", 1).get(0))).containsEntry("channel", "C5");
        assertThat(postsAfterAMarker(0)).isEmpty();
    }

    @Test
    void anAppRateLimitedCallbackIsAcknowledged() throws Exception {
        HttpResponse<String> r = slack.signed("application/json", "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\","
                + "\"type\":\"app_rate_limited\",\"team_id\":\"T1\",\"minute_rate_limited\":1518467820,\"api_app_id\":\"A1\"}");

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsignedAppRateLimitedCallbackIsStillRefused() throws Exception {
        HttpResponse<String> r = slack.raw("application/json", "{\"type\":\"app_rate_limited\",\"team_id\":\"T1\"}");

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void everyKindOfInteractivityRequestSlackDocumentsGetsTheAnswerSlackExpects() throws Exception {
        String user = "\"user\":{\"id\":\"U1\",\"team_id\":\"T1\"},\"team\":{\"id\":\"T1\"},\"api_app_id\":\"A1\"";
        Map<String, String> payloads = Map.of(
                "view_submission", "{\"type\":\"view_submission\"," + user + ",\"view\":{\"id\":\"V1\",\"callback_id\":\"other\","
                        + "\"type\":\"modal\",\"state\":{\"values\":{}}}}",
                "view_closed", "{\"type\":\"view_closed\"," + user + ",\"view\":{\"id\":\"V1\",\"callback_id\":\"other\","
                        + "\"type\":\"modal\"},\"is_cleared\":false}",
                "shortcut", "{\"type\":\"shortcut\"," + user + ",\"callback_id\":\"some_global\",\"trigger_id\":\"1.2.3\"}",
                "interactive_message", "{\"type\":\"interactive_message\"," + user + ",\"callback_id\":\"legacy\","
                        + "\"actions\":[{\"name\":\"a\",\"type\":\"button\",\"value\":\"v\"}],\"channel\":{\"id\":\"C1\"}}",
                "dialog_submission", "{\"type\":\"dialog_submission\"," + user + ",\"callback_id\":\"legacy\","
                        + "\"submission\":{},\"channel\":{\"id\":\"C1\"}}",
                "dialog_cancellation", "{\"type\":\"dialog_cancellation\"," + user + ",\"callback_id\":\"legacy\","
                        + "\"channel\":{\"id\":\"C1\"}}");
        for (var p : payloads.entrySet()) {
            HttpResponse<String> r = slack.interaction(p.getValue());
            assertThat(r.statusCode()).as(p.getKey()).isEqualTo(200);
        }
        HttpResponse<String> options = slack.interaction("{\"type\":\"block_suggestion\"," + user
                + ",\"action_id\":\"menu\",\"block_id\":\"b\",\"value\":\"ab\",\"container\":{\"type\":\"view\"}}");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(SlackHarness.json(options.body()).path("options").isArray()).isTrue();
        HttpResponse<String> ssl = slack.signed("application/x-www-form-urlencoded", "ssl_check=1&token="
                + URLEncoder.encode("XXYYZZ", StandardCharsets.UTF_8));
        assertThat(ssl.statusCode()).isEqualTo(200);
    }
}
