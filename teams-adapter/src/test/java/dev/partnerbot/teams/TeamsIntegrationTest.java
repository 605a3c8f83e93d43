package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamsIntegrationTest {

    @Test
    void refusesToStartWithoutAnAppIdBecauseTheSdkWouldSkipAuthentication() {
        Settings.Teams blank = new Settings.Teams(Optional.of("  "), Optional.of(Secret.of("pw")), Optional.empty(),
                BotFrameworkStandIn.openIdMetadataUrl(), BotFrameworkStandIn.tokenUrl());

        assertThatThrownBy(() -> TeamsIntegration.builder(blank, RunningBot.coach(), (p, b, pr, h) -> { },
                new RunningBot.InMemoryReferences()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MICROSOFT_APP_ID");
    }

    @Test
    void refusesASecondOpenIdMetadataUrlInTheSameJvm() {
        Settings.Teams other = new Settings.Teams(Optional.of(BotFrameworkStandIn.APP_ID), Optional.of(Secret.of("pw")),
                Optional.empty(), java.net.URI.create("https://login.example.com/openid"), BotFrameworkStandIn.tokenUrl());
        // the stand-in's URL is the JVM's; set it first in case this test runs alone
        dev.partnerbot.teams.inbound.OpenIdMetadata.use(BotFrameworkStandIn.openIdMetadataUrl());

        assertThatThrownBy(() -> TeamsIntegration.builder(other, RunningBot.coach(), (p, b, pr, h) -> { },
                new RunningBot.InMemoryReferences()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OpenID metadata URL");
    }
}
