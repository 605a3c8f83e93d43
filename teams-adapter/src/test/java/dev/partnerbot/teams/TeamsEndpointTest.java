package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP round trips: Teams activity in, authenticated, answered at the connector stand-in. */
class TeamsEndpointTest {
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
        bot.waits.clear();
        bot.votes.clear();
    }

    @Test
    void answersAChannelMentionInItsThreadWithTheBotsToken() throws Exception {
        HttpResponse<String> response = bot.post(TeamsActivities.channelMention("1715000130000",
                "the client says they pay so we should just obey"));

        assertThat(response.statusCode()).isEqualTo(200);
        LoggedRequest reply = onlyConnectorCall();
        assertThat(reply.getMethod().value()).isEqualTo("POST");
        assertThat(reply.getUrl()).startsWith("/v3/conversations/").endsWith("/activities/1715000130000");
        assertThat(decodedPath(reply)).contains(TeamsActivities.THREAD);
        assertThat(reply.getHeader("Authorization")).isEqualTo("Bearer " + BotFrameworkStandIn.BOT_TOKEN);
        JsonNode activity = TeamsActivities.read(reply.getBodyAsString());
        assertThat(activity.path("replyToId").asText()).isEqualTo("1715000130000");
        assertThat(activity.path("attachments").path(0).path("contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(activity.path("attachments").path(0).path("content").path("version").asText()).isEqualTo("1.5");
    }

    @Test
    void rejectsARequestWithoutAToken() throws Exception {
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
    void rejectsATokenWhoseSignatureDoesNotMatchTheKeyItNames() throws Exception {
        assertRejected(BotFrameworkStandIn.token().signedBy(BotFrameworkStandIn.KEY_ID, BotFrameworkStandIn.rsa()).header());
    }

    @Test
    void rejectsATokenIssuedForAnotherServiceUrl() throws Exception {
        assertRejected(BotFrameworkStandIn.token().withServiceUrl("https://smba.trafficmanager.net/emea/").header());
    }

    @Test
    void rejectsAGarbageBearerToken() throws Exception {
        assertRejected("Bearer not.a.jwt");
    }

    @Test
    void answersMalformedJsonFromAnAuthenticatedCallerWith400() throws Exception {
        HttpResponse<String> response = bot.post(BotFrameworkStandIn.token().header(), "{\"type\": \"message\", ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAnActivityWithoutServiceUrlWith400() throws Exception {
        var activity = TeamsActivities.channelMention("1715000130001", "they pay so we obey");
        activity.remove("serviceUrl");

        assertThat(bot.post(activity).statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAJsonArrayWith400() throws Exception {
        assertThat(bot.post(BotFrameworkStandIn.token().header(), "[1, 2]").statusCode()).isEqualTo(400);
    }

    @Test
    void answersAnInvokeWithoutANameWith400() throws Exception {
        var invoke = TeamsActivities.actionExecute("1715000130012", "1715000130500", TeamsActivities.read("{}"));
        invoke.remove("name");

        assertThat(bot.post(invoke).statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAnInvokeThePartnerBotDoesNotOfferWith400NotA5xx() throws Exception {
        var invoke = TeamsActivities.actionExecute("1715000130013", "1715000130500", TeamsActivities.read("{}"));
        invoke.put("name", "composeExtension/query");

        assertThat(bot.post(invoke).statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAnActionExecuteWithAMalformedValueWith400() throws Exception {
        var invoke = TeamsActivities.actionExecute("1715000130014", "1715000130500", TeamsActivities.read("{}"));
        invoke.put("value", "not an object");

        assertThat(bot.post(invoke).statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAMembersListThatIsNotAListWith400() throws Exception {
        var update = TeamsActivities.botAddedToTeam("f:malformed-1");
        update.put("membersAdded", "everyone");

        assertThat(bot.post(update).statusCode()).isEqualTo(400);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void ignoresCardSubmitsFromOtherBots() throws Exception {
        var submit = TeamsActivities.cardSubmit("1715000130015", "1715000130500",
                TeamsActivities.read("{\"partnerbot\": \"helpful\", \"lang\": \"en\", \"behaviours\": [\"power_play\"], \"seed\": 1, \"round\": 0}"));
        submit.set("from", TeamsActivities.read("{\"id\": \"28:another-bot\", \"name\": \"Other\"}"));

        assertThat(bot.post(submit).statusCode()).isEqualTo(200);
        assertThat(connectorCalls()).isEmpty();
        assertThat(bot.votes).isEmpty();
    }

    @Test
    void answersAMentionWithOnlyFormattingAsAnEmptyMention() throws Exception {
        assertThat(bot.post(TeamsActivities.channelMention("1715000130016", "&nbsp; <p> </p>")).statusCode()).isEqualTo(200);

        JsonNode reply = TeamsActivities.read(onlyConnectorCall().getBodyAsString());
        assertThat(reply.path("text").asText()).isEqualTo(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.EN).help().text());
    }

    @Test
    void ignoresMessagesFromOtherBots() throws Exception {
        var activity = TeamsActivities.channelMention("1715000130002", "they pay so we obey");
        activity.set("from", TeamsActivities.read("{\"id\": \"28:another-bot\", \"name\": \"Other\", \"role\": \"bot\"}"));

        assertThat(bot.post(activity).statusCode()).isEqualTo(200);
        assertThat(connectorCalls()).isEmpty();
    }

    @Test
    void answersAnEmptyMentionWithShortHelp() throws Exception {
        assertThat(bot.post(TeamsActivities.channelMention("1715000130003", "")).statusCode()).isEqualTo(200);

        JsonNode reply = TeamsActivities.read(onlyConnectorCall().getBodyAsString());
        assertThat(reply.path("text").asText()).isEqualTo(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.EN).help().text());
    }

    @Test
    void answersHelpInEnglishAndChinese() throws Exception {
        assertThat(bot.post(TeamsActivities.personalMessage("1715000130004", "help")).statusCode()).isEqualTo(200);

        String text = TeamsActivities.read(onlyConnectorCall().getBodyAsString()).path("text").asText();
        assertThat(text)
                .contains(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.EN).help().text())
                .contains(RunningBot.PLAYBOOKS.get(dev.partnerbot.core.Language.ZH).help().text());
    }

    @Test
    void aRedeliveredMessageActivityIsAcknowledgedAndAnsweredOnce() throws Exception {
        // Teams re-sends an activity it thinks was not acknowledged in time: same id, same conversation.
        var activity = TeamsActivities.personalMessage("1715000130040", "they pay so we obey");
        assertThat(bot.post(activity).statusCode()).isEqualTo(200);
        assertThat(bot.post(activity).statusCode()).isEqualTo(200);

        assertThat(connectorCalls()).hasSize(1);
        // Another message in the same conversation is answered as usual.
        assertThat(bot.post(TeamsActivities.personalMessage("1715000130041", "they pay so we obey")).statusCode()).isEqualTo(200);
        assertThat(connectorCalls()).hasSize(2);
    }

    @Test
    void asksTheTokenEndpointOnceForManyReplies() throws Exception {
        bot.post(TeamsActivities.personalMessage("1715000130005", "they pay so we obey"));
        bot.post(TeamsActivities.personalMessage("1715000130006", "they pay so we obey"));
        bot.post(TeamsActivities.personalMessage("1715000130007", "they pay so we obey"));

        // The token may have been cached by an earlier test: at most one request, never one per reply.
        assertThat(SERVER.findAll(postRequestedFor(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath())))).hasSizeLessThanOrEqualTo(1);
        assertThat(connectorCalls()).hasSize(3);
    }

    @Test
    void retriesAfterA429AsLongAsTheConnectorAsks() throws Exception {
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("recovered"));
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(WireMock.okJson("{\"id\": \"1\"}")));

        assertThat(bot.post(TeamsActivities.personalMessage("1715000130008", "they pay so we obey")).statusCode())
                .isEqualTo(200);

        assertThat(connectorCalls()).hasSize(2);
        assertThat(bot.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void survivesAShortConnectorOutage() throws Exception {
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("still down"));
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .inScenario("outage").whenScenarioStateIs("up")
                .willReturn(WireMock.okJson("{\"id\": \"1\"}")));

        assertThat(bot.post(TeamsActivities.personalMessage("1715000130009", "they pay so we obey")).statusCode())
                .isEqualTo(200);

        assertThat(connectorCalls()).hasSize(3);
        assertThat(bot.waits).hasSize(2);
        assertThat(bot.waits.get(1)).isGreaterThan(bot.waits.get(0).dividedBy(2)); // backoff grows
    }

    @Test
    void givesUpAfterBoundedAttemptsWhenTheConnectorStaysDown() throws Exception {
        SERVER.stubFor(WireMock.post(urlPathMatching("/v3/conversations/.+/activities/.+"))
                .willReturn(aResponse().withStatus(502)));

        HttpResponse<String> response = bot.post(TeamsActivities.personalMessage("1715000130010", "they pay so we obey"));

        assertThat(response.statusCode()).isEqualTo(200);  // logged as a failed turn; Teams gets no 5xx
        assertThat(connectorCalls()).hasSize(4);
        // and the bot still answers once the connector is back
        BotFrameworkStandIn.reset();
        assertThat(bot.post(TeamsActivities.personalMessage("1715000130011", "they pay so we obey")).statusCode()).isEqualTo(200);
        assertThat(connectorCalls()).hasSize(1);
    }

    private void assertRejected(String authorization) throws Exception {
        String body = TeamsActivities.channelMention("1715000130099", "they pay so we obey").toString();

        HttpResponse<String> response = bot.post(authorization, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(connectorCalls()).isEmpty();
        assertThat(SERVER.findAll(postRequestedFor(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath())))).isEmpty();
    }

    static List<LoggedRequest> connectorCalls() {
        return BotFrameworkStandIn.connectorWrites();
    }

    static LoggedRequest onlyConnectorCall() {
        List<LoggedRequest> calls = connectorCalls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    static String decodedPath(LoggedRequest request) {
        return java.net.URLDecoder.decode(request.getUrl(), java.nio.charset.StandardCharsets.UTF_8);
    }

}
