package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.teams.install.Delivery;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Card buttons, installation events and proactive messages, through the real endpoint. */
class CardAndInstallTest {
    private static RunningBot bot;

    @BeforeAll
    static void start() throws Exception {
        BotFrameworkStandIn.reset();
        bot = new RunningBot();
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @BeforeEach
    void resetStandIn() {
        BotFrameworkStandIn.reset();
        bot.votes.clear();
        bot.references.saved.clear();
    }

    @Test
    void anotherDraftUpdatesTheCardWithoutTheUsersText() throws Exception {
        JsonNode card = firstAnswerCard();
        JsonNode data = action(card.path("actions"), "another_draft").path("data");
        assertThat(data.toString()).doesNotContain("they pay so we obey").doesNotContain("we pay");
        SERVER.resetRequests();

        HttpResponse<String> response = bot.post(TeamsActivities.cardSubmit("1715000131000", "1715000130500", data));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest update = onlyConnectorCall();
        assertThat(update.getMethod().value()).isEqualTo("PUT");
        assertThat(update.getUrl()).endsWith("/activities/1715000130500");
        JsonNode updated = TeamsActivities.read(update.getBodyAsString()).path("attachments").path(0).path("content");
        assertThat(action(updated.path("actions"), "another_draft").path("data").path("round").asInt()).isEqualTo(1);
    }

    @Test
    void helpfulVoteIsRecordedAndThanked() throws Exception {
        JsonNode card = firstAnswerCard();
        JsonNode data = action(feedbackActions(card), "helpful").path("data");
        SERVER.resetRequests();

        assertThat(bot.post(TeamsActivities.cardSubmit("1715000131001", "1715000130500", data)).statusCode()).isEqualTo(200);

        assertThat(bot.votes).hasSize(1);
        assertThat(bot.votes.get(0)).startsWith("teams [POWER_PLAY]").endsWith("true");
        assertThat(TeamsActivities.read(onlyConnectorCall().getBodyAsString()).path("text").asText())
                .isEqualTo(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.EN).label("feedback_thanks"));
    }

    @Test
    void cardDataThatIsNotOursGetsAPoliteAnswer() throws Exception {
        var data = TeamsActivities.read("{\"partnerbot\": \"warmer\", \"lang\": \"en\", \"behaviours\": [\"nope\"], \"seed\": 1, \"round\": 0}");

        assertThat(bot.post(TeamsActivities.cardSubmit("1715000131002", "1715000130500", data)).statusCode()).isEqualTo(200);

        assertThat(TeamsActivities.read(onlyConnectorCall().getBodyAsString()).path("text").asText())
                .isEqualTo(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.EN).label("unknown_request"));
    }

    @Test
    void actionExecuteIsAnsweredWithTheRedraftedCard() throws Exception {
        JsonNode data = action(firstAnswerCard().path("actions"), "warmer").path("data");
        SERVER.resetRequests();

        HttpResponse<String> response = bot.post(TeamsActivities.actionExecute("1715000131003", "1715000130500", data));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TeamsActivities.read(response.body());
        assertThat(body.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(body.path("value").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void actionExecuteWithForeignDataIsABadRequestNotAnError() throws Exception {
        HttpResponse<String> response = bot.post(TeamsActivities.actionExecute("1715000131004", "1715000130500",
                TeamsActivities.read("{\"something\": \"else\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TeamsActivities.read(response.body()).path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void greetsOnceWhenInstalledInATeamAndStoresTheChannelReference() throws Exception {
        assertThat(bot.post(TeamsActivities.botAddedToTeam("f:install-1")).statusCode()).isEqualTo(200);
        assertThat(bot.post(TeamsActivities.installationUpdate("f:install-2", "add")).statusCode()).isEqualTo(200);

        assertThat(connectorCalls()).hasSize(1);
        String reference = bot.references.find(BotFrameworkStandIn.TENANT_ID, TeamsActivities.CHANNEL_ID).orElseThrow();
        JsonNode json = TeamsActivities.read(reference);
        assertThat(json.path("serviceUrl").asText()).isEqualTo(BotFrameworkStandIn.serviceUrl());
        assertThat(json.has("activityId")).isFalse();
    }

    @Test
    void forgetsTheReferenceWhenUninstalled() throws Exception {
        bot.post(TeamsActivities.botAddedToTeam("f:install-3"));

        bot.post(TeamsActivities.installationUpdate("f:uninstall-1", "remove"));

        assertThat(bot.references.saved).isEmpty();
    }

    @Test
    void forgetsTheReferenceWhenTheBotIsRemovedFromTheTeam() throws Exception {
        bot.post(TeamsActivities.botAddedToTeam("f:install-4"));

        bot.post(TeamsActivities.botRemovedFromTeam("f:removed-1"));

        assertThat(bot.references.saved).isEmpty();
    }

    @Test
    void sendsAProactiveMessageAsANewPostToAStoredReference() throws Exception {
        bot.post(TeamsActivities.botAddedToTeam("f:install-5"));
        SERVER.resetRequests();

        Delivery result = bot.teams.proactive().sendText(BotFrameworkStandIn.TENANT_ID, TeamsActivities.CHANNEL_ID,
                "weekly tip").join();

        assertThat(result).isEqualTo(new Delivery.Sent("1700000000999"));

        LoggedRequest post = onlyConnectorCall();
        assertThat(post.getMethod().value()).isEqualTo("POST");
        assertThat(TeamsEndpointTest.decodedPath(post))
                .isEqualTo("/v3/conversations/" + TeamsActivities.CHANNEL_ID + "/activities");
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer " + BotFrameworkStandIn.BOT_TOKEN);
        assertThat(TeamsActivities.read(post.getBodyAsString()).path("text").asText()).isEqualTo("weekly tip");
    }

    @Test
    void reportsAProactiveMessageToAnUnknownConversationAsNotInstalled() {
        var result = bot.teams.proactive().sendText(BotFrameworkStandIn.TENANT_ID, "19:unknown@thread.tacv2", "tip").join();

        assertThat(result).isInstanceOf(Delivery.NotInstalled.class);
        assertThat(connectorCalls()).isEmpty();
    }

    /** Each test's mention is a new user message (its own activity id): a repeated id would be a redelivery. */
    private static final java.util.concurrent.atomic.AtomicLong NEXT_MENTION = new java.util.concurrent.atomic.AtomicLong(1715000132000L);

    private static JsonNode firstAnswerCard() throws Exception {
        bot.post(TeamsActivities.channelMention(String.valueOf(NEXT_MENTION.incrementAndGet()), "they pay so we obey"));
        return TeamsActivities.read(onlyConnectorCall().getBodyAsString()).path("attachments").path(0).path("content");
    }

    private static JsonNode feedbackActions(JsonNode card) {
        for (JsonNode element : card.path("body")) {
            if ("ActionSet".equals(element.path("type").asText())) {
                return element.path("actions");
            }
        }
        throw new AssertionError("no feedback buttons");
    }

    private static JsonNode action(JsonNode actions, String kind) {
        for (JsonNode a : actions) {
            if (kind.equals(a.path("data").path("partnerbot").asText())) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " button");
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
