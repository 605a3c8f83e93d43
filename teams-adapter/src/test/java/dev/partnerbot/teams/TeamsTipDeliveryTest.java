package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.teams.tips.TeamsTipDelivery;
import dev.partnerbot.teams.tips.TipCards;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamsTipDeliveryTest {
    private static final String NEW_POSTS = "/v3/conversations/[^/]+/activities";
    private RunningBot bot;
    private WeeklyTip tip;

    @BeforeEach
    void install() throws Exception {
        BotFrameworkStandIn.reset();
        bot = new RunningBot(b -> b);
        bot.post(TeamsActivities.botAddedToTeam("f:install-tips"));
        SERVER.resetRequests();
        TipLibrary library = TipLibrary.load();
        tip = new WeeklyTip(library.tips("tip-001", TipLanguage.BOTH), "2026-W48", 0);
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    private TipSchedule schedule() {
        return new TipSchedule("s1", "teams", BotFrameworkStandIn.TENANT_ID, TeamsActivities.CHANNEL_ID, DayOfWeek.MONDAY,
                LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), TipLanguage.BOTH, ScheduleState.ACTIVE, "manager",
                Instant.parse("2026-11-01T00:00:00Z"), 0);
    }

    @Test
    void postsTheTipAsAnAdaptiveCardIntoTheInstalledChannel() {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).willReturn(okJson("{\"id\": \"1715000999000\"}")));

        DeliveryResult result = bot.teams.tipDelivery().deliver(schedule(), tip);

        assertThat(result).isEqualTo(new DeliveryResult.Sent("1715000999000"));
        SERVER.verify(postRequestedFor(urlPathMatching(NEW_POSTS))
                .withRequestBody(containing("application/vnd.microsoft.card.adaptive"))
                .withRequestBody(containing(tip.tips().get(0).title())));
    }

    @Test
    void aChannelWithAGuestGetsNoTipAndTheScheduleIsPausedWithTheReason() {
        SERVER.stubFor(get(urlPathMatching(BotFrameworkStandIn.ROSTER))
                .willReturn(okJson(BotFrameworkStandIn.roster(BotFrameworkStandIn.TENANT_ID, "guest"))));

        DeliveryResult result = bot.teams.tipDelivery().deliver(schedule(), tip);

        assertThat(result).isEqualTo(new DeliveryResult.ChannelGone(TeamsTipDelivery.OUTSIDE_ORGANISATION));
        assertThat(SERVER.findAll(postRequestedFor(urlPathMatching(NEW_POSTS)))).isEmpty();
        assertThat(SERVER.findAll(getRequestedFor(urlPathMatching(BotFrameworkStandIn.ROSTER)))).hasSize(1);
    }

    @Test
    void aRosterThatCannotBeReadWithholdsTheTip() {
        SERVER.stubFor(get(urlPathMatching(BotFrameworkStandIn.ROSTER)).willReturn(aResponse().withStatus(500)));

        assertThat(bot.teams.tipDelivery().deliver(schedule(), tip))
                .isEqualTo(new DeliveryResult.ChannelGone(TeamsTipDelivery.OUTSIDE_ORGANISATION));
        assertThat(SERVER.findAll(postRequestedFor(urlPathMatching(NEW_POSTS)))).isEmpty();
    }

    @Test
    void aRemovedBotMeansTheChannelIsGone() {
        SERVER.stubFor(post(urlPathMatching(NEW_POSTS)).willReturn(aResponse().withStatus(403)));

        assertThat(bot.teams.tipDelivery().deliver(schedule(), tip)).isInstanceOf(DeliveryResult.ChannelGone.class);
        assertThat(bot.teams.tipDelivery().deliver(schedule(), tip)).isInstanceOf(DeliveryResult.ChannelGone.class);
    }

    @Test
    void cardIsVersionOneFiveWithBothLanguagesAndTheDiscussPrompt() throws Exception {
        ObjectNode card = new TipCards(Playbook.loadAll(), new ObjectMapper()).card(tip);
        // also checked by Microsoft's Adaptive Cards parser in tools/validate (see CardGalleryTest)
        java.nio.file.Files.createDirectories(CardGalleryTest.OUT);
        java.nio.file.Files.writeString(CardGalleryTest.OUT.resolve("weekly-tip-both.json"), card.toPrettyString());

        assertThat(card.path("version").asText()).isEqualTo("1.5");
        String text = card.toString();
        assertThat(text).contains(tip.tips().get(0).tryThis()).contains(tip.tips().get(1).title())
                .contains(Playbook.load(dev.partnerbot.core.Language.EN).label("tip_discuss"));
    }
}
