package dev.partnerbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void startsAndAcknowledgesWhenSlackIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Settings.Slack settings = new Settings.Slack(Optional.of(Secret.of(SlackHarness.BOT_TOKEN)),
                Optional.of(Secret.of(SlackHarness.SECRET)), Optional.empty(), Optional.empty(), Optional.empty(),
                URI.create("http://127.0.0.1:" + closedPort + "/api/"));
        try (SlackAdapter adapter = SlackAdapter.builder(settings, SlackHarness.testCoach(), (p, b, pr, h) -> { })
                .retryPause(d -> { }).build()) {
            assertThatCode(adapter::start).doesNotThrowAnyException();
            assertThat(adapter.socketMode()).isFalse();
        }
    }

    @Test
    void refusesToStartWithoutABotToken() {
        Settings.Slack settings = new Settings.Slack(Optional.empty(), Optional.of(Secret.of(SlackHarness.SECRET)),
                Optional.empty(), Optional.empty(), Optional.empty(), URI.create("http://127.0.0.1:1/api/"));

        assertThatCode(() -> SlackAdapter.builder(settings, SlackHarness.testCoach(), (p, b, pr, h) -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("xoxb");
    }

    @Test
    void refusesOAuthInstallsWithoutAnInstallationStore() {
        Settings.Slack settings = new Settings.Slack(Optional.empty(), Optional.of(Secret.of(SlackHarness.SECRET)),
                Optional.empty(), Optional.of("1.2"), Optional.of(Secret.of("client-secret-value")), URI.create("http://127.0.0.1:1/api/"));

        assertThatCode(() -> SlackAdapter.builder(settings, SlackHarness.testCoach(), (p, b, pr, h) -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InstallationService")
                .hasMessageNotContaining("client-secret-value");
    }

    @Test
    void singleWorkspaceAppHasNoInstallPages() {
        Settings.Slack settings = new Settings.Slack(Optional.of(Secret.of(SlackHarness.BOT_TOKEN)),
                Optional.of(Secret.of(SlackHarness.SECRET)), Optional.empty(), Optional.empty(), Optional.empty(),
                URI.create("http://127.0.0.1:1/api/"));
        try (SlackAdapter adapter = SlackAdapter.builder(settings, SlackHarness.testCoach(), (p, b, pr, h) -> { }).build()) {
            assertThat(adapter.installServlet()).isEmpty();
        }
    }
}
