package dev.partnerbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Principle;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end: signed HTTP requests into the servlet on Jetty, Web API calls out to WireMock. */
class SlackAdapterTest {
    private static final String CLIENT_TEXT = "The client says we pay, so just do it by Monday.";
    private SlackHarness slack;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackHarness();
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
    }

    private JsonNode awaitHook(String name) throws InterruptedException {
        List<LoggedRequest> calls = slack.awaitCalls("/hooks/" + name, 1);
        return SlackHarness.json(calls.get(0).getBodyAsString());
    }

    private static String mention(String text, String ts, String threadTs) {
        return "{\"type\":\"app_mention\",\"user\":\"U1\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\","
                + (threadTs == null ? "" : "\"thread_ts\":\"" + threadTs + "\",")
                + "\"client_msg_id\":\"c1\",\"team\":\"T1\",\"channel\":\"C1\",\"event_ts\":\"" + ts + "\"}";
    }

    // --- slash command -------------------------------------------------------------------------

    @Test
    void slashCommandIsAcknowledgedEmptyThenAnsweredEphemerallyWithTheCard() throws Exception {
        HttpResponse<String> ack = slack.command(CLIENT_TEXT, slack.hook("cmd1"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        JsonNode answer = awaitHook("cmd1");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        Golden.assertMatches("partner-command-card.json", answer.path("blocks"));
        assertThat(slack.calls("/api/chat.postMessage")).isEmpty();
    }

    @Test
    void partnerAloneShowsUsageWithEnglishAndChineseExamples() throws Exception {
        slack.command("", slack.hook("help"));

        JsonNode answer = awaitHook("help");
        Golden.assertMatches("partner-help.json", answer.path("blocks"));
        String all = answer.path("blocks").toString();
        assertThat(all).contains("The client wants the full campaign").contains("客户说我们只是供应商");
    }

    @Test
    void partnerHelpShowsUsage() throws Exception {
        slack.command("help", slack.hook("help2"));

        JsonNode answer = awaitHook("help2");
        assertThat(answer.path("blocks").toString()).contains("客户说我们只是供应商").doesNotContain("another_draft");
    }

    @Test
    void chineseMessageIsAnsweredInChinese() throws Exception {
        slack.command("客户说我们付钱,你们照做就行。", slack.hook("zh"));

        JsonNode answer = awaitHook("zh");
        assertThat(answer.path("blocks").toString()).contains("我看到的情况").contains("换一版").doesNotContain("Another draft");
    }

    @Test
    void clarificationShowsQuestionAndTentativeSuggestion() throws Exception {
        slack.command("They changed it after sign-off and want it by tomorrow.", slack.hook("clarify"));

        JsonNode answer = awaitHook("clarify");
        Golden.assertMatches("partner-clarification.json", answer.path("blocks"));
    }

    @Test
    void unknownCommandGetsAPoliteAnswer() throws Exception {
        HttpResponse<String> ack = slack.command("/unknown", "x", slack.hook("unknown"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackHarness.json(ack.body()).path("text").asText()).startsWith("Sorry, I don't know that one.");
    }

    // --- events ---------------------------------------------------------------------------------

    @Test
    void appMentionIsAnsweredInItsThread() throws Exception {
        HttpResponse<String> ack = slack.event("Ev1", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000100", null));

        assertThat(ack.statusCode()).isEqualTo(200);
        Map<String, String> post = SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0));
        assertThat(post).containsEntry("channel", "C1").containsEntry("thread_ts", "1700000000.000100");
        assertThat(post.get("blocks")).contains("another_draft");
        assertThat(slack.calls("/api/chat.postMessage").get(0).getHeader("Authorization")).isEqualTo("Bearer " + SlackHarness.BOT_TOKEN);
    }

    @Test
    void appMentionInsideAThreadIsAnsweredInThatThread() throws Exception {
        slack.event("Ev2", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000300", "1700000000.000100"));

        Map<String, String> post = SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0));
        assertThat(post).containsEntry("thread_ts", "1700000000.000100");
    }

    @Test
    void directMessageIsAnsweredInItsThreadAndBotMessagesAreIgnored() throws Exception {
        slack.event("EvBot", "{\"type\":\"message\",\"channel_type\":\"im\",\"bot_id\":\"B9\",\"text\":\"" + CLIENT_TEXT
                + "\",\"ts\":\"1700000000.000050\",\"channel\":\"D1\",\"event_ts\":\"1700000000.000050\"}");
        slack.event("EvEdit", "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel_type\":\"im\",\"channel\":\"D1\","
                + "\"hidden\":true,\"ts\":\"1700000000.000060\",\"event_ts\":\"1700000000.000060\","
                + "\"message\":{\"type\":\"message\",\"user\":\"U1\",\"text\":\"" + CLIENT_TEXT + "\",\"ts\":\"1700000000.000040\"}}");
        HttpResponse<String> ack = slack.event("EvDm", "{\"type\":\"message\",\"channel_type\":\"im\",\"user\":\"U1\",\"text\":\""
                + CLIENT_TEXT + "\",\"ts\":\"1700000000.000070\",\"channel\":\"D1\",\"event_ts\":\"1700000000.000070\"}");

        assertThat(ack.statusCode()).isEqualTo(200);
        List<LoggedRequest> posts = slack.awaitCalls("/api/chat.postMessage", 1);
        assertThat(posts).hasSize(1);
        assertThat(SlackHarness.form(posts.get(0))).containsEntry("channel", "D1").containsEntry("thread_ts", "1700000000.000070");
    }

    @Test
    void retriedEventIsAcknowledgedAndAnsweredOnce() throws Exception {
        String event = mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000100", null);
        slack.event("EvRetry", event);
        HttpResponse<String> retry = slack.event("EvRetry", event, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout");
        // A later, different event: with one worker, once it is answered the retry would have been too.
        slack.event("EvLater", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000900", null));

        assertThat(retry.statusCode()).isEqualTo(200);
        List<LoggedRequest> posts = slack.awaitCalls("/api/chat.postMessage", 2);
        assertThat(posts.stream().map(p -> SlackHarness.form(p).get("thread_ts")))
                .containsExactlyInAnyOrder("1700000000.000100", "1700000000.000900");
    }

    @Test
    void unhandledEventIsAcknowledged() throws Exception {
        HttpResponse<String> ack = slack.event("EvReaction", "{\"type\":\"reaction_added\",\"user\":\"U1\",\"reaction\":\"thumbsup\","
                + "\"item\":{\"type\":\"message\",\"channel\":\"C1\",\"ts\":\"1.2\"},\"event_ts\":\"1.3\"}");

        assertThat(ack.statusCode()).isEqualTo(200);
    }

    @Test
    void urlVerificationIsAnswered() throws Exception {
        HttpResponse<String> r = slack.signed("application/json",
                "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void appHomeIsPublishedWithThePrinciples() throws Exception {
        slack.event("EvHome", "{\"type\":\"app_home_opened\",\"user\":\"U1\",\"channel\":\"D1\",\"tab\":\"home\",\"event_ts\":\"1.1\"}");

        Map<String, String> publish = SlackHarness.form(slack.awaitCalls("/api/views.publish", 1).get(0));
        assertThat(publish).containsEntry("user_id", "U1");
        JsonNode view = SlackHarness.json(publish.get("view"));
        assertThat(view.path("type").asText()).isEqualTo("home");
        assertThat(view.toString()).contains("Be the expert, not the order-taker").contains("Build trust at every level");
    }

    // --- rejections -----------------------------------------------------------------------------

    @Test
    void forgedStaleFutureAndUnsignedRequestsGet401AndTouchNothing() throws Exception {
        String body = SlackHarness.formBody(Map.of("command", "/partner", "text", CLIENT_TEXT,
                "response_url", slack.hook("forged"), "team_id", "T1", "user_id", "U1", "channel_id", "C1"));
        long now = System.currentTimeMillis() / 1000;
        String ts = String.valueOf(now);
        String forged = new dev.partnerbot.slack.verify.RequestSignature("not-the-secret", java.time.Clock.systemUTC())
                .sign(ts, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(slack.raw("application/x-www-form-urlencoded", body,
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", forged).statusCode()).as("forged").isEqualTo(401);
        assertThat(slack.signedAt(String.valueOf(now - 360), "application/x-www-form-urlencoded", body).statusCode())
                .as("stale").isEqualTo(401);
        assertThat(slack.signedAt(String.valueOf(now + 360), "application/x-www-form-urlencoded", body).statusCode())
                .as("future").isEqualTo(401);
        assertThat(slack.raw("application/x-www-form-urlencoded", body).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(slack.raw("application/json", "{not json", "X-Slack-Request-Timestamp", ts,
                "X-Slack-Signature", "v0=00").statusCode()).as("garbage").isEqualTo(401);

        // A genuine request afterwards is answered, and it is the only thing that reached Slack.
        slack.command(CLIENT_TEXT, slack.hook("genuine"));
        slack.awaitCalls("/hooks/genuine", 1);
        assertThat(slack.calls("/hooks/forged")).isEmpty();
        assertThat(slack.slackApi.getAllServeEvents()).hasSize(1);
    }

    @Test
    void malformedSignedBodiesGet400Not500() throws Exception {
        assertThat(slack.signed("application/json", "{\"type\":\"event_callback\",\"event_id\":\"Ev\"").statusCode())
                .as("truncated JSON").isEqualTo(400);
        assertThat(slack.signed("application/json", "{\"type\":\"event_callback\",\"event_id\":\"Ev9\"}").statusCode())
                .as("event without event").isEqualTo(400);
        assertThat(slack.signed("application/x-www-form-urlencoded", "payload=%7Bnot-json").statusCode())
                .as("bad payload").isEqualTo(400);
        assertThat(slack.signed("application/x-www-form-urlencoded", "hello=world").statusCode())
                .as("unknown kind").isEqualTo(400);
        assertThat(slack.interaction("{\"type\":\"block_actions\",\"actions\":[]}").statusCode())
                .as("action without actions").isLessThan(500);
    }

    // --- Web API failures -----------------------------------------------------------------------

    @Test
    void rateLimitedPostIsRetriedAfterRetryAfter() throws Exception {
        slack.slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("retried"));
        slack.slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("429").whenScenarioStateIs("retried")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));

        slack.event("Ev429", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000100", null));

        slack.awaitCalls("/api/chat.postMessage", 2);
        assertThat(slack.pauses).contains(Duration.ofSeconds(7));
    }

    @Test
    void webApiOutageLeavesTheBotResponsive() throws Exception {
        slack.slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(503)).atPriority(1));

        slack.event("EvDown", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000100", null));
        slack.awaitCalls("/api/chat.postMessage", 3);

        // Still acknowledging and answering what does not need the Web API.
        HttpResponse<String> ack = slack.command(CLIENT_TEXT, slack.hook("after-outage"));
        assertThat(ack.statusCode()).isEqualTo(200);
        awaitHook("after-outage");
        assertThat(slack.calls("/api/chat.postMessage")).hasSize(3);
    }

    // --- shortcut and buttons -------------------------------------------------------------------

    @Test
    void messageShortcutShowsTheSuggestionPrivately() throws Exception {
        HttpResponse<String> ack = slack.interaction("{\"type\":\"message_action\",\"token\":\"x\",\"action_ts\":\"1.1\","
                + "\"team\":{\"id\":\"T1\",\"domain\":\"agency\"},\"user\":{\"id\":\"U1\",\"name\":\"ann\",\"team_id\":\"T1\"},"
                + "\"channel\":{\"id\":\"C1\",\"name\":\"clients\"},\"is_enterprise_install\":false,"
                + "\"callback_id\":\"suggest_partner_reply\",\"trigger_id\":\"1.2.3\",\"message_ts\":\"1700000000.000200\","
                + "\"message\":{\"type\":\"message\",\"user\":\"U2\",\"text\":\"" + CLIENT_TEXT + "\",\"ts\":\"1700000000.000200\"},"
                + "\"response_url\":\"" + slack.hook("shortcut") + "\"}");

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = awaitHook("shortcut");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").toString()).contains("post_draft_").contains("\\\"th\\\":\\\"1700000000.000200\\\"");
        assertThat(slack.calls("/api/chat.postMessage")).isEmpty();
    }

    private String buttonValue(JsonNode blocks, String actionId) {
        for (JsonNode block : blocks) {
            for (JsonNode e : block.path("elements")) {
                if (e.path("action_id").asText().equals(actionId)) {
                    return e.path("value").asText();
                }
            }
            if (block.path("accessory").path("action_id").asText().equals(actionId)) {
                return block.path("accessory").path("value").asText();
            }
        }
        throw new AssertionError("no button " + actionId);
    }

    private HttpResponse<String> click(String actionId, String value, String responseUrl) throws Exception {
        String action = SlackHarness.JSON.writeValueAsString(Map.of("action_id", actionId, "block_id", "b", "value", value,
                "type", "button", "action_ts", "1700000002.1", "text", Map.of("type", "plain_text", "text", "x")));
        return slack.interaction("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\",\"username\":\"ann\",\"team_id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"token\":\"x\",\"container\":{\"type\":\"message\",\"message_ts\":\"1700000001.1\","
                + "\"channel_id\":\"C1\",\"is_ephemeral\":true},\"trigger_id\":\"1.2.3\",\"team\":{\"id\":\"T1\",\"domain\":\"agency\"},"
                + "\"is_enterprise_install\":false,\"channel\":{\"id\":\"C1\",\"name\":\"clients\"},"
                + "\"response_url\":\"" + responseUrl + "\",\"actions\":[" + action + "]}");
    }

    private JsonNode firstCard() throws Exception {
        slack.command(CLIENT_TEXT, slack.hook("card"));
        return awaitHook("card").path("blocks");
    }

    @Test
    void anotherDraftReplacesTheCardWithADifferentRound() throws Exception {
        JsonNode card = firstCard();

        HttpResponse<String> ack = click("another_draft", buttonValue(card, "another_draft"), slack.hook("redraft"));

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = awaitHook("redraft");
        assertThat(answer.path("replace_original").asBoolean()).isTrue();
        assertThat(buttonValue(answer.path("blocks"), "another_draft")).contains("\"r\":1");
        assertThat(answer.toString()).doesNotContain("so just do it by Monday");
    }

    @Test
    void firmerLeadsWithFirmDrafts() throws Exception {
        JsonNode card = firstCard();

        click("firmer", buttonValue(card, "firmer"), slack.hook("firmer"));

        JsonNode answer = awaitHook("firmer");
        assertThat(buttonValue(answer.path("blocks"), "warmer")).contains("\"t\":\"firm\"");
        assertThat(answer.path("blocks").get(3).path("text").path("text").asText()).startsWith("*Firm*");
    }

    @Test
    void postDraftPostsTheMarkedDraftInTheThread() throws Exception {
        slack.event("EvPost", mention("<@UBOT> " + CLIENT_TEXT, "1700000000.000100", null));
        JsonNode blocks = SlackHarness.json(SlackHarness.form(slack.awaitCalls("/api/chat.postMessage", 1).get(0)).get("blocks"));
        JsonNode draftSection = blocks.get(3);
        String draftText = draftSection.path("text").path("text").asText();

        click(draftSection.path("accessory").path("action_id").asText(), draftSection.path("accessory").path("value").asText(),
                slack.hook("post"));

        Map<String, String> post = slack.awaitCalls("/api/chat.postMessage", 2).stream().map(SlackHarness::form)
                .filter(f -> !f.containsKey("blocks")).findFirst().orElseThrow();
        assertThat(post).containsEntry("channel", "C1").containsEntry("thread_ts", "1700000000.000100");
        assertThat(post.get("text")).startsWith("Draft reply (suggested by PartnerBot, not yet sent to the client):\n>")
                .endsWith(draftText.substring(draftText.indexOf('>') + 1));
    }

    @Test
    void feedbackIsCountedAndThanked() throws Exception {
        JsonNode card = firstCard();

        click("feedback_not_helpful", buttonValue(card, "feedback_not_helpful"), slack.hook("vote"));

        JsonNode thanks = awaitHook("vote");
        assertThat(thanks.path("text").asText()).isEqualTo("Thanks, your feedback helps PartnerBot improve.");
        assertThat(thanks.path("replace_original").asBoolean()).isFalse();
        assertThat(slack.votes).singleElement().satisfies(v -> {
            assertThat(v.platform()).isEqualTo("slack");
            assertThat(v.behaviours()).containsExactly(Behaviour.POWER_PLAY);
            assertThat(v.principles()).isNotEmpty().allMatch(p -> p instanceof Principle);
            assertThat(v.helpful()).isFalse();
        });
    }

    @Test
    void unknownOrTamperedButtonsGetAPoliteAnswer() throws Exception {
        HttpResponse<String> unknown = click("launch_rockets", "{}", slack.hook("unknown-action"));
        HttpResponse<String> tampered = click("warmer", "{\"l\":\"xx\"}", slack.hook("tampered"));

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(tampered.statusCode()).isEqualTo(200);
        assertThat(awaitHook("unknown-action").path("text").asText()).startsWith("Sorry, I don't know that one.");
        assertThat(awaitHook("tampered").path("text").asText()).startsWith("Sorry, I don't know that one.");
    }

    @Test
    void tipsCommandWithoutTipsSetUpAnswersPolitely() throws Exception {
        HttpResponse<String> ack = slack.command("/partner-tips", "", slack.hook("tips"));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackHarness.json(ack.body()).path("text").asText())
                .isEqualTo(SlackHarness.testCoach().playbook(dev.partnerbot.core.Language.EN).label("tips_not_set_up"));
        assertThat(slack.calls("/api/views.open")).isEmpty();
    }
}
