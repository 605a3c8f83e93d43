package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.tips.DeliveryLedger.Delivery;
import dev.partnerbot.app.tips.DeliveryLedger.Status;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.tips.SlackTipDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two db-scheduler instances (separate connection pools, as separate processes would have) on one
 * real PostgreSQL, 500 schedules due in the same minute, and a Slack stand-in answering some posts
 * with 429 (Retry-After: 1), some with 500, and some with 500 after having posted.
 */
class TwoInstanceDeliveryTest {
    private static final int SCHEDULES = 500;
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Shanghai"));

    private SlackStandIn slack;
    private Database dbA;
    private Database dbB;
    private WeeklyTips a;
    private WeeklyTips b;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        slack = new SlackStandIn();
        slack.faults(n -> switch ((int) (n % 10)) {
            case 3 -> SlackStandIn.Fault.RATE_LIMITED;
            case 6 -> SlackStandIn.Fault.ERROR_NOT_POSTED;
            case 8 -> SlackStandIn.Fault.ERROR_AFTER_POSTING;
            default -> SlackStandIn.Fault.NONE;
        });
        Settings.Database pg = TestDatabases.postgresSettings();
        dbA = Database.open(pg);
        dbB = Database.open(pg);
    }

    @AfterEach
    void tearDown() {
        released.countDown();
        for (WeeklyTips t : new WeeklyTips[] {a, b}) {
            if (t != null) {
                t.close();
            }
        }
        dbA.close();
        dbB.close();
        slack.close();
    }

    @Test
    void twoInstancesDeliverEveryScheduleWeekExactlyOnceThrough429sAnd500s() throws Exception {
        Instant slot = createDueSchedules();
        SimpleMeterRegistry metricsA = new SimpleMeterRegistry();
        SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
        a = instance("instance-a", dbA, slackDelivery(), metricsA);
        b = instance("instance-b", dbB, slackDelivery(), metricsB);
        a.start();
        b.start();

        awaitAllSettled(Duration.ofSeconds(90));

        assertDeliveredExactlyOnce(slot);
        assertThat(sent(metricsA)).as("instance a shared the work").isPositive();
        assertThat(sent(metricsB)).as("instance b shared the work").isPositive();
    }

    @Test
    void whenOneInstanceDiesMidFanOutTheOtherFinishesWithoutDuplicates() throws Exception {
        Instant slot = createDueSchedules();
        Killable dying = new Killable(slackDelivery(), released);
        SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
        a = instance("instance-a", dbA, dying, new SimpleMeterRegistry());
        a.start();
        await(() -> slack.accepted().size() >= 120, Duration.ofSeconds(60));

        // Kill a: its in-flight calls never come back, its heartbeats stop, its connections go.
        dying.kill();
        WeeklyTips dead = a;
        a = null;
        Thread stopper = new Thread(() -> {
            dbA.close(); // a's connections go first: it cannot even record what it was doing
            dead.close();
        }, "kill-instance-a");
        stopper.setDaemon(true);
        stopper.start();
        int acceptedAtKill = slack.accepted().size();
        assertThat(acceptedAtKill).as("killed mid-fan-out").isLessThan(SCHEDULES);

        Thread.sleep(300);
        System.out.println("executions left picked by the dead instance: " + pickedBy("instance-a"));
        b = instance("instance-b", dbB, slackDelivery(), metricsB);
        b.start();
        awaitAllSettled(Duration.ofSeconds(90));

        assertDeliveredExactlyOnce(slot);
        assertThat(sent(metricsB)).isPositive();
        assertThat(pickedBy("instance-a")).as("a's dead executions were all revived by b").isZero();
    }

    private void assertDeliveredExactlyOnce(Instant slot) {
        Map<String, Long> postsPerScheduleWeek = slack.accepted().stream()
                .collect(Collectors.groupingBy(p -> p.scheduleId() + "/" + p.week(), Collectors.counting()));
        assertThat(postsPerScheduleWeek).hasSize(SCHEDULES);
        assertThat(postsPerScheduleWeek.values()).as("no (schedule, week) posted twice").containsOnly(1L);
        List<Delivery> records = new DeliveryLedger(dbB.dataSource(), Clock.systemUTC()).all();
        assertThat(records).hasSize(SCHEDULES).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Status.SENT);
            assertThat(d.slot()).isEqualTo(slot);
        });
    }

    private long pickedBy(String name) throws Exception {
        try (Connection c = dbB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE AND picked_by = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double sent(SimpleMeterRegistry registry) {
        return registry.find("tips.sent").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** 500 schedules in four zones whose local day and time fall on the current minute, due now. */
    private Instant createDueSchedules() throws Exception {
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        JdbcScheduleStore store = new JdbcScheduleStore(dbA.dataSource(), Clock.systemUTC());
        for (int i = 0; i < SCHEDULES; i++) {
            ZoneId zone = ZONES.get(i % ZONES.size());
            ZonedDateTime local = slot.atZone(zone);
            store.create(new TipSchedule(String.format("ts-%04d", i), "slack", "T1", String.format("C%04d", i),
                    local.getDayOfWeek(), local.toLocalTime(), zone, TipLanguage.EN, ScheduleState.ACTIVE, "U1",
                    slot.minus(Duration.ofDays(1)), 0));
        }
        // Each schedule's execution was planned for next week; bring this week's slot back as due now.
        try (Connection c = dbA.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ?, task_data = ? WHERE task_name = 'weekly-tip'")) {
            Sql.setInstant(ps, 1, slot);
            ps.setBytes(2, slot.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(ps.executeUpdate()).isEqualTo(SCHEDULES);
        }
        return slot;
    }

    private SlackTipDelivery slackDelivery() {
        return new SlackTipDelivery(slack.apiUrl(), team -> Optional.of("xoxb-test"), Playbook.loadAll(),
                Clock.systemUTC());
    }

    private static WeeklyTips instance(String name, Database db, TipDelivery delivery, SimpleMeterRegistry registry) {
        return WeeklyTips.builder(db.dataSource())
                .name(name)
                .platforms(Map.of("slack", delivery))
                .registry(registry)
                .options(new TipDeliveryService.Options(Duration.ofHours(6), Duration.ofMillis(1100), 4,
                        Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .threads(8)
                .pollingInterval(Duration.ofMillis(500))
                .heartbeatInterval(Duration.ofSeconds(1))
                .missedHeartbeats(4)
                .shutdownWait(Duration.ZERO)
                .lockAndFetch(true)
                .build();
    }

    private void awaitAllSettled(Duration timeout) throws InterruptedException {
        DeliveryLedger ledger = new DeliveryLedger(dbB.dataSource(), Clock.systemUTC());
        await(() -> {
            List<Delivery> all = ledger.all();
            return all.size() == SCHEDULES && all.stream().allMatch(Delivery::finished);
        }, timeout);
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** A delivery whose process "dies": once killed, every call hangs until the test ends, then posts nothing. */
    static final class Killable implements TipDelivery {
        private final TipDelivery real;
        private final CountDownLatch released;
        private volatile boolean killed;

        Killable(TipDelivery real, CountDownLatch released) {
            this.real = real;
            this.released = released;
        }

        void kill() {
            killed = true;
        }

        private void hangIfKilled() {
            while (killed) {
                try {
                    if (released.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // a dead process does not answer interrupts either
                }
            }
        }

        @Override
        public DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip) {
            hangIfKilled();
            return killed ? new DeliveryResult.Failed("killed", true) : real.deliver(schedule, tip);
        }

        @Override
        public PriorPost findPrior(TipSchedule schedule, String week) {
            hangIfKilled();
            return killed ? new PriorPost.CheckFailed("killed") : real.findPrior(schedule, week);
        }
    }
}
