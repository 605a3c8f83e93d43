package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.partnerbot.core.Language;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coaching is never posted where people outside the organisation read along: in a shared channel,
 * or a chat or team with a guest or a member of another tenant, the answer goes to the user's 1:1
 * chat and the conversation gets one line saying why; when that cannot be ruled out, the same.
 * Each test starts a fresh bot, so no audience verdict is cached from another test.
 */
class PrivateConversationsTest {
    private static final String OTHER_TENANT = "0f0e0d0c-0b0a-4909-8807-060504030201";
    private static final String CLIENT_STORY = "the client said we pay you, so do what we say";
    private RunningBot bot;

    @BeforeEach
    void start() throws Exception {
        BotFrameworkStandIn.reset();
        bot = new RunningBot();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @Test
    void aSharedChannelGetsANoticeAndTheAnswerGoesToTheOneToOneChat() throws Exception {
        assertThat(bot.post(TeamsActivities.sharedChannelMention("1715000170001", CLIENT_STORY)).statusCode()).isEqualTo(200);

        assertAnsweredPrivately("teams_private_answer_sent");
        // The channel data said enough: no roster read.
        assertThat(SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(BotFrameworkStandIn.ROSTER)))).isEmpty();
    }

    @Test
    void aGroupChatWithAGuestIsAnsweredPrivately() throws Exception {
        SERVER.stubFor(get(urlPathMatching(BotFrameworkStandIn.ROSTER))
                .willReturn(okJson(BotFrameworkStandIn.roster(BotFrameworkStandIn.TENANT_ID, "guest"))));

        bot.post(TeamsActivities.groupChatMention("1715000170002", CLIENT_STORY));

        assertAnsweredPrivately("teams_private_answer_sent");
    }

    @Test
    void aTeamWithAMemberOfAnotherTenantIsAnsweredPrivately() throws Exception {
        SERVER.stubFor(get(urlPathMatching(BotFrameworkStandIn.ROSTER))
                .willReturn(okJson(BotFrameworkStandIn.roster(OTHER_TENANT, "user"))));

        bot.post(TeamsActivities.channelMention("1715000170003", CLIENT_STORY));

        assertAnsweredPrivately("teams_private_answer_sent");
        // The team's roster was read (a channel's members are its team's).
        assertThat(SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(BotFrameworkStandIn.ROSTER))).get(0).getUrl()).contains("thread.tacv2");
    }

    @Test
    void aRosterThatCannotBeReadErrsOnThePrivateSide() throws Exception {
        SERVER.stubFor(get(urlPathMatching(BotFrameworkStandIn.ROSTER)).willReturn(aResponse().withStatus(403)));

        bot.post(TeamsActivities.groupChatMention("1715000170004", CLIENT_STORY));

        assertAnsweredPrivately("teams_private_answer_sent");
    }

    @Test
    void whenNoOneToOneChatCanBeOpenedTheUserIsAskedToWriteThereAndNothingElseIsPosted() throws Exception {
        SERVER.stubFor(post(urlPathEqualTo("/v3/conversations")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"Forbidden\", \"message\": \"the bot is not installed for the user\"}}")));

        bot.post(TeamsActivities.sharedChannelMention("1715000170005", CLIENT_STORY));

        List<LoggedRequest> posts = posts();
        assertThat(posts).extracting(PrivateConversationsTest::path).containsExactly("/v3/conversations",
                "/v3/conversations/" + TeamsActivities.SHARED_CHANNEL_THREAD + "/activities/1715000170005");
        JsonNode notice = TeamsActivities.read(posts.get(1).getBodyAsString());
        assertThat(notice.path("text").asText()).isEqualTo(label("teams_private_answer_failed"));
        assertThat(notice.path("attachments")).isEmpty();
    }

    @Test
    void aChannelOfTheTenantOnlyIsAnsweredInItsThread() throws Exception {
        bot.post(TeamsActivities.channelMention("1715000170006", CLIENT_STORY));

        List<LoggedRequest> posts = posts();
        assertThat(posts).singleElement().satisfies(reply -> {
            assertThat(path(reply)).isEqualTo("/v3/conversations/" + TeamsActivities.THREAD + "/activities/1715000170006");
            assertThat(TeamsActivities.read(reply.getBodyAsString()).path("attachments").path(0).path("contentType").asText())
                    .isEqualTo("application/vnd.microsoft.card.adaptive");
        });
    }

    @Test
    void theVerdictIsReadOncePerConversationNotPerMessage() throws Exception {
        bot.post(TeamsActivities.channelMention("1715000170007", CLIENT_STORY));
        bot.post(TeamsActivities.channelMention("1715000170008", "they never say thanks for anything"));

        assertThat(SERVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(BotFrameworkStandIn.ROSTER)))).hasSize(1);
    }

    @Test
    void helpIsNotCoachingAndStaysInTheConversation() throws Exception {
        bot.post(TeamsActivities.sharedChannelMention("1715000170009", "help"));

        assertThat(posts()).singleElement().satisfies(reply -> assertThat(path(reply))
                .isEqualTo("/v3/conversations/" + TeamsActivities.SHARED_CHANNEL_THREAD + "/activities/1715000170009"));
    }

    private void assertAnsweredPrivately(String noticeKey) {
        List<LoggedRequest> posts = posts();
        assertThat(posts).extracting(PrivateConversationsTest::path).hasSize(3);
        // 1. the 1:1 chat is opened with the user who wrote, in the same tenant
        JsonNode create = TeamsActivities.read(posts.get(0).getBodyAsString());
        assertThat(path(posts.get(0))).isEqualTo("/v3/conversations");
        assertThat(create.path("isGroup").asBoolean(true)).isFalse();
        assertThat(create.path("members").path(0).path("id").asText()).isEqualTo("29:1MeiLinTeamsUserId");
        assertThat(create.path("tenantId").asText()).isEqualTo(BotFrameworkStandIn.TENANT_ID);
        // 2. the answer card goes there
        assertThat(path(posts.get(1))).isEqualTo("/v3/conversations/" + BotFrameworkStandIn.PERSONAL_CHAT_OPENED + "/activities");
        assertThat(TeamsActivities.read(posts.get(1).getBodyAsString()).path("attachments").path(0).path("contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        // 3. the conversation only learns why
        JsonNode notice = TeamsActivities.read(posts.get(2).getBodyAsString());
        assertThat(notice.path("text").asText()).isEqualTo(label(noticeKey));
        assertThat(notice.path("attachments")).isEmpty();
        assertThat(posts.get(2).getBodyAsString()).doesNotContain("power_play").doesNotContain("we pay you");
    }

    private static List<LoggedRequest> posts() {
        return BotFrameworkStandIn.connectorWrites();
    }

    private static String path(LoggedRequest r) {
        String url = r.getUrl();
        int q = url.indexOf('?');
        return URLDecoder.decode(q < 0 ? url : url.substring(0, q), StandardCharsets.UTF_8);
    }

    private static String label(String key) {
        return RunningBot.PLAYBOOKS.get(Language.EN).label(key);
    }
}
