package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.tips.DeliveryLedger.Status;
import dev.partnerbot.app.tips.TipDeliveryService.Plan;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TipDeliveryServiceTest {
    private static final TipLibrary LIBRARY = TipLibrary.load();
    private static final Instant SLOT = Instant.parse("2025-03-24T08:00:00Z"); // Monday 09:00 Berlin

    private final TestClock clock = new TestClock(SLOT.plusSeconds(5));
    private final Database db = TestDatabases.h2();
    private final JdbcScheduleStore store = new JdbcScheduleStore(db.dataSource(), clock);
    private final DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedPlatform platform = new ScriptedPlatform();
    private final List<Duration> slept = new ArrayList<>();

    @AfterEach
    void close() {
        db.close();
    }

    private TipDeliveryService service() {
        var options = new TipDeliveryService.Options(Duration.ofHours(6), Duration.ofSeconds(1), 3,
                Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
        ChannelPacer pacer = new ChannelPacer(options.channelInterval(), clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
        return new TipDeliveryService(store, ledger, LIBRARY, Map.of("slack", platform), pacer,
                new TipMetrics(registry), options, clock, "test-node");
    }

    private TipSchedule created() {
        return store.create(JdbcScheduleStoreTest.schedule("ts-a", "T1"));
    }

    private double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void deliversTheChannelsFirstTipAndPlansNextWeek() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Sent("1.1"));

        Plan plan = service().run(s.id(), SLOT);

        assertThat(plan).isEqualTo(new Plan.NextWeek(Instant.parse("2025-03-31T07:00:00Z")));
        assertThat(platform.posted).extracting(WeeklyTip::tipId).containsExactly(LIBRARY.rotationFor(s.id()).tipAt(0));
        assertThat(platform.posted.get(0).tips()).hasSize(2);
        assertThat(ledger.find(s.id(), "2025-W13").orElseThrow().status()).isEqualTo(Status.SENT);
        assertThat(store.find(s.id()).orElseThrow().rotation()).isEqualTo(1);
        assertThat(count("tips.sent")).isEqualTo(1);
        assertThat(registry.find("tips.delivery.lag").timer().count()).isEqualTo(1);
    }

    @Test
    void aSecondRunOfTheSameWeekPostsNothing() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Sent("1.1"));
        service().run(s.id(), SLOT);
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);
    }

    @Test
    void runWithinTheGraceWindowIsSentLate_beyondItIsRecordedMissed() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Sent("1.1"));
        clock.set(SLOT.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(59)));
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);

        Instant nextSlot = Instant.parse("2025-03-31T07:00:00Z");
        clock.set(nextSlot.plus(Duration.ofHours(6)).plusSeconds(1));
        Plan plan = service().run(s.id(), nextSlot);
        assertThat(platform.posted).hasSize(1);
        assertThat(ledger.find(s.id(), "2025-W14").orElseThrow().status()).isEqualTo(Status.MISSED);
        assertThat(count("tips.missed")).isEqualTo(1);
        assertThat(plan).isEqualTo(new Plan.NextWeek(Instant.parse("2025-04-07T07:00:00Z")));
    }

    @Test
    void rateLimitIsHonouredThenTheTipIsSent() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.RetryAfter(Duration.ofSeconds(7)));
        platform.results.add(new DeliveryResult.Sent("1.2"));
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(2);
        assertThat(slept).contains(Duration.ofSeconds(7));
        assertThat(platform.priorChecks).as("a 429 certainly did not post").isZero();
        assertThat(ledger.find(s.id(), "2025-W13").orElseThrow().status()).isEqualTo(Status.SENT);
    }

    @Test
    void afterATransientFailureTheChannelIsCheckedBeforePostingAgain() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Failed("http_500", true));
        platform.prior.add(new PriorPost.Found("1.3")); // the 500 had in fact posted
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);
        assertThat(ledger.find(s.id(), "2025-W13").orElseThrow().messageRef()).isEqualTo("1.3");
    }

    @Test
    void whenThePlatformCannotTellWhetherAnEarlierAttemptPostedTheWeekIsSkipped() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Failed("timeout", true));
        platform.prior.add(new PriorPost.Unknowable("teams cannot look"));
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);
        assertThat(ledger.find(s.id(), "2025-W13").orElseThrow().status()).isEqualTo(Status.SKIPPED);
        assertThat(count("tips.skipped")).isEqualTo(1);
    }

    @Test
    void crashAfterClaimButBeforeAnyAttemptIsSafeToPost() {
        TipSchedule s = created();
        ledger.claim(s.id(), "2025-W13", SLOT, LIBRARY.rotationFor(s.id()).tipAt(0), 0, "dead-node");
        platform.results.add(new DeliveryResult.Sent("1.4"));
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);
        assertThat(platform.priorChecks).isZero();
    }

    @Test
    void channelTheBotWasRemovedFromPausesTheScheduleAndTellsTheOwner() {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.ChannelGone("not_in_channel"));
        service().run(s.id(), SLOT);
        assertThat(platform.posted).hasSize(1);
        assertThat(store.find(s.id()).orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(platform.notified).containsExactly(s.id());
        assertThat(ledger.find(s.id(), "2025-W13").orElseThrow().status()).isEqualTo(Status.FAILED);

        Plan nextRun = service().run(s.id(), Instant.parse("2025-03-31T07:00:00Z"));
        assertThat(platform.posted).as("paused: nothing posted").hasSize(1);
        assertThat(nextRun).isInstanceOf(Plan.NextWeek.class);
    }

    @Test
    void cancelledScheduleStopsItsExecution() {
        TipSchedule s = created();
        store.setState(s.id(), ScheduleState.CANCELLED);
        assertThat(service().run(s.id(), SLOT)).isEqualTo(new Plan.Stop());
        assertThat(platform.posted).isEmpty();
    }

    @Test
    void sendNowPostsTheNextTipWithoutConsumingTheWeek() throws Exception {
        TipSchedule s = created();
        platform.results.add(new DeliveryResult.Sent("1.5"));
        platform.results.add(new DeliveryResult.Sent("1.6"));
        service().sendNow(s);
        assertThat(platform.posted.get(0).week()).isEqualTo(WeeklyTip.SEND_NOW);
        assertThat(ledger.forSchedule(s.id())).isEmpty();
        service().run(s.id(), SLOT);
        assertThat(platform.posted.get(1).tipId()).isEqualTo(platform.posted.get(0).tipId());
    }

    /** A platform that answers from a script. */
    static final class ScriptedPlatform implements TipDelivery {
        final Deque<DeliveryResult> results = new ArrayDeque<>();
        final Deque<PriorPost> prior = new ArrayDeque<>();
        final List<WeeklyTip> posted = new ArrayList<>();
        final List<String> notified = new ArrayList<>();
        int priorChecks;

        @Override
        public DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip) {
            posted.add(tip);
            return results.isEmpty() ? new DeliveryResult.Failed("script ended", false) : results.poll();
        }

        @Override
        public PriorPost findPrior(TipSchedule schedule, String week) {
            priorChecks++;
            return prior.isEmpty() ? new PriorPost.NotFound() : prior.poll();
        }

        @Override
        public boolean notifyPaused(TipSchedule schedule, String reason) {
            notified.add(schedule.id());
            return true;
        }
    }
}
