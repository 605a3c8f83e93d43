package dev.partnerbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.model.builtin.DefaultBot;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-workspace distribution: the OAuth install flow against WireMock standing in for Slack's
 * authorize page and {@code oauth.v2.access}, then requests answered with each workspace's token.
 */
class OAuthInstallTest {
    private static final String CLIENT_ID = "1111.2222";
    private static final String CLIENT_SECRET = "client-secret-value";
    private static final String TEAM_TOKEN = "xoxb-team2-installed-token";
    private static final String CLIENT_TEXT = "The client says we pay, so just do it by Monday.";

    private final MemoryInstallations installations = new MemoryInstallations();
    private SlackHarness slack;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackHarness(api -> new Settings.Slack(Optional.empty(), Optional.of(Secret.of(SlackHarness.SECRET)),
                Optional.empty(), Optional.of(CLIENT_ID), Optional.of(Secret.of(CLIENT_SECRET)), URI.create(api + "/api/"),
                List.of("app_mentions:read", "chat:write", "commands"), Optional.of(URI.create("https://bot.example.com/")),
                URI.create(api + "/oauth/v2/authorize")), installations);
        slack.slackApi.stubFor(post(urlEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok":true,"app_id":"A1","authed_user":{"id":"U9"},"scope":"app_mentions:read,chat:write,commands",
                 "token_type":"bot","access_token":"%s","bot_user_id":"UBOT2","team":{"id":"T2","name":"Agency Two"},
                 "enterprise":null,"is_enterprise_install":false}""".formatted(TEAM_TOKEN))));
        slack.slackApi.stubFor(post(urlEqualTo("/api/auth.test")).willReturn(okJson(
                "{\"ok\":true,\"user_id\":\"UBOT2\",\"team_id\":\"T2\",\"bot_id\":\"B2\",\"is_enterprise_install\":false}")));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String mention(String ts) {
        return "{\"type\":\"app_mention\",\"user\":\"U1\",\"text\":\"<@UBOT2> " + CLIENT_TEXT + "\",\"ts\":\"" + ts
                + "\",\"team\":\"T2\",\"channel\":\"C2\",\"event_ts\":\"" + ts + "\"}";
    }

    /** Runs the install page and the redirect back from Slack as a browser would; returns the redirect's answer. */
    private HttpResponse<String> install() throws Exception {
        HttpResponse<String> page = slack.get(SlackAdapter.INSTALL_PATH);
        String state = query(page.headers().firstValue("Location").orElseThrow()).get("state");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return slack.get(SlackAdapter.OAUTH_REDIRECT_PATH + "?code=abc123&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8),
                "Cookie", cookie);
    }

    @Test
    void installPageRedirectsToSlacksAuthorizeUrlWithAState() throws Exception {
        HttpResponse<String> page = slack.get(SlackAdapter.INSTALL_PATH);

        assertThat(page.statusCode()).isEqualTo(302);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(slack.slackApi.baseUrl() + "/oauth/v2/authorize?");
        Map<String, String> q = query(location);
        assertThat(q).containsEntry("client_id", CLIENT_ID)
                .containsEntry("scope", "app_mentions:read,chat:write,commands")
                .containsEntry("redirect_uri", "https://bot.example.com/slack/oauth_redirect");
        assertThat(q.get("state")).isNotBlank();
        assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).startsWith("slack-app-oauth-state=" + q.get("state") + ";").contains("HttpOnly"));
    }

    @Test
    void installStoresTheWorkspaceAndItsEventsAreAnsweredWithItsOwnToken() throws Exception {
        HttpResponse<String> done = install();

        assertThat(done.statusCode()).isEqualTo(200);
        Map<String, String> exchange = SlackHarness.form(slack.calls("/api/oauth.v2.access").get(0));
        assertThat(exchange).containsEntry("code", "abc123")
                .containsEntry("redirect_uri", "https://bot.example.com/slack/oauth_redirect");
        assertThat(installations.findBot(null, "T2").getBotAccessToken()).isEqualTo(TEAM_TOKEN);
        assertThat(done.body()).doesNotContain(TEAM_TOKEN);
        int authTestsAfterInstall = slack.calls("/api/auth.test").size();

        HttpResponse<String> ack = slack.eventFrom("T2", "EvT2", mention("1700000000.000200"));

        assertThat(ack.statusCode()).isEqualTo(200);
        var post = slack.awaitCalls("/api/chat.postMessage", 1).get(0);
        assertThat(post.getHeader("Authorization")).isEqualTo("Bearer " + TEAM_TOKEN);
        assertThat(SlackHarness.form(post)).containsEntry("channel", "C2").containsEntry("thread_ts", "1700000000.000200");
        assertThat(slack.calls("/api/auth.test")).as("a stored token is used without asking Slack").hasSize(authTestsAfterInstall);
    }

    @Test
    void redirectWithAStateThisServerNeverIssuedInstallsNothing() throws Exception {
        HttpResponse<String> forged = slack.get(SlackAdapter.OAUTH_REDIRECT_PATH + "?code=abc123&state=forged",
                "Cookie", "slack-app-oauth-state=forged");
        HttpResponse<String> noCookie = slack.get(SlackAdapter.OAUTH_REDIRECT_PATH + "?code=abc123&state=forged");

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(slack.calls("/api/oauth.v2.access")).isEmpty();
        assertThat(installations.bots).isEmpty();
    }

    @Test
    void stateIsSingleUse() throws Exception {
        HttpResponse<String> page = slack.get(SlackAdapter.INSTALL_PATH);
        String state = query(page.headers().firstValue("Location").orElseThrow()).get("state");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        slack.get(SlackAdapter.OAUTH_REDIRECT_PATH + "?code=abc123&state=" + state, "Cookie", cookie);

        HttpResponse<String> replay = slack.get(SlackAdapter.OAUTH_REDIRECT_PATH + "?code=replayed&state=" + state, "Cookie", cookie);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(slack.calls("/api/oauth.v2.access")).hasSize(1);
    }

    @Test
    void redirectWithoutQueryIsABadRequest() throws Exception {
        assertThat(slack.get(SlackAdapter.OAUTH_REDIRECT_PATH).statusCode()).isEqualTo(400);
    }

    @Test
    void workspaceWithoutInstallationIsAcknowledgedAndToldHowToInstall() throws Exception {
        HttpResponse<String> event = slack.eventFrom("T3", "EvT3", mention("1700000000.000300"));
        HttpResponse<String> command = slack.command(CLIENT_TEXT, slack.hook("t1"));   // the harness's team T1

        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(command.statusCode()).isEqualTo(200);
        assertThat(SlackHarness.json(command.body()).path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(SlackHarness.json(command.body()).path("text").asText()).contains("install");
        // An installed workspace's event, handled after the first one by the single worker:
        install();
        slack.eventFrom("T2", "EvT2b", mention("1700000000.000400"));
        assertThat(slack.awaitCalls("/api/chat.postMessage", 1)).hasSize(1);
    }

    @Test
    void uninstallingTheAppDeletesTheInstallation() throws Exception {
        install();
        assertThat(installations.findBot(null, "T2")).isNotNull();

        HttpResponse<String> ack = slack.eventFrom("T2", "EvUninstall", "{\"type\":\"app_uninstalled\",\"event_ts\":\"1700000001.000100\"}");

        assertThat(ack.statusCode()).isEqualTo(200);
        awaitUntil(() -> installations.findBot(null, "T2") == null);
    }

    @Test
    void revokedBotTokenDeletesTheBot() throws Exception {
        DefaultBot bot = new DefaultBot();
        bot.setTeamId("T2");
        bot.setBotUserId("UBOT2");
        bot.setBotAccessToken(TEAM_TOKEN);
        installations.saveBot(bot);

        HttpResponse<String> ack = slack.eventFrom("T2", "EvRevoked",
                "{\"type\":\"tokens_revoked\",\"tokens\":{\"oauth\":[],\"bot\":[\"UBOT2\"]},\"event_ts\":\"1700000001.000200\"}");

        assertThat(ack.statusCode()).isEqualTo(200);
        awaitUntil(() -> installations.findBot(null, "T2") == null);
    }

    @Test
    void unsignedEventIsRejectedEvenForAnInstalledWorkspace() throws Exception {
        install();

        HttpResponse<String> forged = slack.raw("application/json", SlackHarness.eventEnvelope("T2", "EvForged", mention("1700000000.000500")));

        assertThat(forged.statusCode()).isEqualTo(401);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
