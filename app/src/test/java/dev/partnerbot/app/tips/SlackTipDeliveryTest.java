package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.tips.SlackTipDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackTipDeliveryTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/tip-slack-both.json");

    private final SlackStandIn slack = new SlackStandIn();
    private final SlackTipDelivery delivery = new SlackTipDelivery(slack.apiUrl(), team -> Optional.of("xoxb-test"),
            Playbook.loadAll(), Clock.systemUTC());
    private final TipSchedule schedule = JdbcScheduleStoreTest.schedule("ts-a", "T1");
    private final WeeklyTip tip = new WeeklyTip(TipLibrary.load().tips("tip-001", schedule.language()), "2025-W13", 0);

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsBlockKitMarkedWithScheduleAndWeekMetadata() throws Exception {
        DeliveryResult result = delivery.deliver(schedule, tip);

        assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
        SlackStandIn.Post post = slack.accepted().get(0);
        assertThat(post.channel()).isEqualTo(schedule.channel());
        assertThat(post.scheduleId()).isEqualTo("ts-a");
        assertThat(post.week()).isEqualTo("2025-W13");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String rendered = json.writeValueAsString(json.readTree(post.blocks())) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, rendered);
        }
        assertThat(rendered).isEqualTo(Files.readString(GOLDEN));
    }

    @Test
    void rateLimitBecomesRetryAfterWithTheAdvertisedDelay() {
        slack.faults(n -> SlackStandIn.Fault.RATE_LIMITED);
        assertThat(delivery.deliver(schedule, tip)).isEqualTo(new DeliveryResult.RetryAfter(Duration.ofSeconds(1)));
    }

    @Test
    void serverErrorIsTransient() {
        slack.faults(n -> SlackStandIn.Fault.ERROR_NOT_POSTED);
        assertThat(delivery.deliver(schedule, tip)).isEqualTo(new DeliveryResult.Failed("http_500", true));
    }

    @Test
    void notInChannelMeansTheChannelIsGone() {
        slack.faults(n -> SlackStandIn.Fault.NOT_IN_CHANNEL);
        assertThat(delivery.deliver(schedule, tip)).isEqualTo(new DeliveryResult.ChannelGone("not_in_channel"));
    }

    @Test
    void aChannelSharedWithAnotherOrganisationGetsNoTipAndTheScheduleIsPausedWithTheReason() {
        TipSchedule shared = new TipSchedule("ts-s", "slack", "T1", "SHARED-C1", java.time.DayOfWeek.MONDAY,
                java.time.LocalTime.of(9, 0), java.time.ZoneId.of("Europe/Berlin"), dev.partnerbot.core.tips.TipLanguage.BOTH,
                dev.partnerbot.core.tips.ScheduleState.ACTIVE, "U1", java.time.Instant.parse("2025-03-01T10:00:00Z"), 0);

        assertThat(delivery.deliver(shared, tip)).isEqualTo(new DeliveryResult.ChannelGone("channel_shared_outside_workspace"));
        assertThat(slack.accepted()).isEmpty();
    }

    @Test
    void findsAPostWhoseAnswerWasLost() {
        slack.faults(n -> SlackStandIn.Fault.ERROR_AFTER_POSTING);
        assertThat(delivery.deliver(schedule, tip)).isInstanceOf(DeliveryResult.Failed.class);

        assertThat(delivery.findPrior(schedule, "2025-W13")).isInstanceOf(PriorPost.Found.class);
        assertThat(delivery.findPrior(schedule, "2025-W14")).isEqualTo(new PriorPost.NotFound());
    }
}
