package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.partnerbot.teams.connector.ConversationPacer;
import dev.partnerbot.teams.install.Delivery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proactive messages (weekly tips) meeting a removed bot, Teams' throttling and our own pacing. */
class ProactiveDeliveryTest {
    private static final String TENANT = BotFrameworkStandIn.TENANT_ID;
    private static final String CHANNEL = TeamsActivities.CHANNEL_ID;
    private static final String NEW_POSTS = "/v3/conversations/[^/]+/activities";
    private RunningBot bot;

    /** A bot of its own per test (pacing state), installed in a team channel. */
    @BeforeEach
    void installInATeamChannel() throws Exception {
        BotFrameworkStandIn.reset();
        // Two messages a minute per conversation, and no waiting for a slot: pacing shows at once.
        bot = new RunningBot(b -> b.pacing(List.of(new ConversationPacer.Limit(2, Duration.ofMinutes(1))))
                .maxPacingWait(Duration.ZERO));
        bot.post(TeamsActivities.botAddedToTeam("f:install-1"));
        SERVER.resetRequests();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 404})
    void forgetsTheConversationWhenTheBotIsNoLongerThere(int status) {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"BotNotInConversationRoster\", \"message\": \"The bot is not part of the conversation roster.\"}}")));

        Delivery result = bot.teams.proactive().sendText(TENANT, CHANNEL, "weekly tip").join();

        assertThat(result).isEqualTo(new Delivery.ConversationGone(status));
        assertThat(bot.references.find(TENANT, CHANNEL)).isEmpty();
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(1); // not retried
        // and the next tip is not even attempted
        assertThat(bot.teams.proactive().sendText(TENANT, CHANNEL, "next tip").join()).isEqualTo(new Delivery.NotInstalled());
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(1);
    }

    @Test
    void waitsAsTeamsAsksWhenThrottledBriefly() {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("free"));
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson("{\"id\": \"1715000150000\"}")));

        Delivery result = bot.teams.proactive().sendText(TENANT, CHANNEL, "weekly tip").join();

        assertThat(result).isEqualTo(new Delivery.Sent("1715000150000"));
        assertThat(bot.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(2);
    }

    @Test
    void reportsThrottledAndHoldsTheConversationBackWhenTeamsAsksForALongPause() {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        Delivery result = bot.teams.proactive().sendText(TENANT, CHANNEL, "weekly tip").join();

        assertThat(result).isEqualTo(new Delivery.Throttled(Duration.ofSeconds(120)));
        assertThat(bot.references.find(TENANT, CHANNEL)).isPresent();
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(1);
        // Another message to the same conversation is held back without asking Teams again.
        assertThat(bot.teams.proactive().sendText(TENANT, CHANNEL, "again").join())
                .isInstanceOf(Delivery.Throttled.class);
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(1);
    }

    @Test
    void holdsBackMessagesBeyondTheConversationsPace() {
        List<Delivery> results = List.of(
                bot.teams.proactive().sendText(TENANT, CHANNEL, "one").join(),
                bot.teams.proactive().sendText(TENANT, CHANNEL, "two").join(),
                bot.teams.proactive().sendText(TENANT, CHANNEL, "three").join());

        assertThat(results.subList(0, 2)).allMatch(Delivery.Sent.class::isInstance);
        assertThat(results.get(2)).isInstanceOf(Delivery.Throttled.class);
        assertThat(((Delivery.Throttled) results.get(2)).retryAfter())
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(2);
    }

    @Test
    void aConnectorOutageIsAFailureNotAGoneConversation() {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).willReturn(aResponse().withStatus(502)));

        var result = bot.teams.proactive().sendText(TENANT, CHANNEL, "weekly tip");

        assertThat(result).failsWithin(Duration.ofSeconds(10));
        assertThat(bot.references.find(TENANT, CHANNEL)).isPresent();
    }
}
