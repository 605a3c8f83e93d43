package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connector 401 makes the bot forget its cached token and try once more with a fresh one. */
class TokenRefreshTest {
    private static final String REPLIES = "/v3/conversations/.+/activities/.+";
    private RunningBot bot;

    @BeforeEach
    void start() throws Exception {
        BotFrameworkStandIn.reset();
        // The token endpoint hands out a new token on every request.
        SERVER.stubFor(post(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath()))
                .inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("old-token"))).willSetStateTo("rotated"));
        SERVER.stubFor(post(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath()))
                .inScenario("tokens").whenScenarioStateIs("rotated")
                .willReturn(okJson(token("new-token"))));
        bot = new RunningBot(); // its own token cache
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @Test
    void retriesOnceWithAFreshTokenWhenTheConnectorAnswers401() throws Exception {
        SERVER.stubFor(post(urlPathMatching(REPLIES)).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("accepted"));
        SERVER.stubFor(post(urlPathMatching(REPLIES)).inScenario("revoked").whenScenarioStateIs("accepted")
                .willReturn(okJson("{\"id\": \"1\"}")));

        assertThat(bot.post(TeamsActivities.personalMessage("1715000140000", "they pay so we obey")).statusCode())
                .isEqualTo(200);

        List<LoggedRequest> calls = TeamsEndpointTest.connectorCalls();
        assertThat(calls).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer old-token", "Bearer new-token");
        assertThat(tokenRequests()).hasSize(2);
        assertThat(bot.waits).isEmpty(); // a 401 is not a backoff case
    }

    @Test
    void keepsTheFreshTokenForLaterReplies() throws Exception {
        SERVER.stubFor(post(urlPathMatching(REPLIES)).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("accepted"));
        SERVER.stubFor(post(urlPathMatching(REPLIES)).inScenario("revoked").whenScenarioStateIs("accepted")
                .willReturn(okJson("{\"id\": \"1\"}")));
        bot.post(TeamsActivities.personalMessage("1715000140001", "they pay so we obey"));
        SERVER.resetRequests();

        bot.post(TeamsActivities.personalMessage("1715000140002", "they pay so we obey"));

        assertThat(TeamsEndpointTest.onlyConnectorCall().getHeader("Authorization")).isEqualTo("Bearer new-token");
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void triesOnlyOnceMoreWhenTheConnectorKeepsAnswering401() throws Exception {
        SERVER.stubFor(post(urlPathMatching(REPLIES)).willReturn(aResponse().withStatus(401)));

        assertThat(bot.post(TeamsActivities.personalMessage("1715000140003", "they pay so we obey")).statusCode())
                .isEqualTo(200); // a failed turn is logged; Teams gets no 5xx

        assertThat(TeamsEndpointTest.connectorCalls()).hasSize(2);
        assertThat(tokenRequests()).hasSize(2);
    }

    private static List<LoggedRequest> tokenRequests() {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo(BotFrameworkStandIn.tokenUrl().getPath())));
    }

    private static String token(String value) {
        return "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"access_token\": \"" + value + "\"}";
    }
}
