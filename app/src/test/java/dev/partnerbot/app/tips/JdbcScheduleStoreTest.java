package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.tips.DeliveryLedger.Delivery;
import dev.partnerbot.app.tips.DeliveryLedger.Status;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcScheduleStoreTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-03-24T07:00:00Z"));

    static Stream<String> databases() {
        return Stream.of("h2", "postgres");
    }

    private static Database open(String kind) throws Exception {
        return kind.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
    }

    static TipSchedule schedule(String id, String team) {
        return new TipSchedule(id, "slack", team, "C" + id.toUpperCase().replace("-", ""), DayOfWeek.MONDAY,
                LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), TipLanguage.BOTH, ScheduleState.ACTIVE, "U1",
                Instant.parse("2025-03-01T10:00:00Z"), 0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void storesSchedulesAndListsThemPerTeam(String kind) throws Exception {
        try (Database db = open(kind)) {
            JdbcScheduleStore store = new JdbcScheduleStore(db.dataSource(), clock);
            store.create(schedule("ts-a", "T1"));
            store.create(schedule("ts-b", "T2"));
            assertThat(store.find("ts-a")).contains(schedule("ts-a", "T1"));
            assertThat(store.list(Optional.of("T1"))).extracting(TipSchedule::id).containsExactly("ts-a");
            assertThat(store.list(Optional.empty())).hasSize(2);

            assertThat(store.setState("ts-a", ScheduleState.PAUSED, "not_in_channel")).isTrue();
            assertThat(store.find("ts-a").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
            assertThat(store.setState("ts-a", ScheduleState.CANCELLED)).isTrue();
            assertThat(store.setState("ts-a", ScheduleState.ACTIVE)).as("cancelled is final").isFalse();
            assertThat(store.list(Optional.of("T1"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void creatingAScheduleplansItsFirstRunInTheSchedulerTable(String kind) throws Exception {
        try (Database db = open(kind)) {
            new JdbcScheduleStore(db.dataSource(), clock).create(schedule("ts-a", "T1"));
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT task_instance, execution_time FROM scheduled_tasks WHERE task_name = 'weekly-tip'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ts-a");
                assertThat(Sql.instant(rs, "execution_time")).isEqualTo(Instant.parse("2025-03-24T08:00:00Z"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWeekCanBeClaimedOnlyOnce_andSendingAdvancesTheRotation(String kind) throws Exception {
        try (Database db = open(kind)) {
            JdbcScheduleStore store = new JdbcScheduleStore(db.dataSource(), clock);
            DeliveryLedger ledger = new DeliveryLedger(db.dataSource(), clock);
            store.create(schedule("ts-a", "T1"));
            Instant slot = Instant.parse("2025-03-24T08:00:00Z");
            Delivery first = ledger.claim("ts-a", "2025-W13", slot, "tip-007", 0, "node-1");
            Delivery second = ledger.claim("ts-a", "2025-W13", slot, "tip-009", 0, "node-2");
            assertThat(second.tipId()).as("the second claim sees the first").isEqualTo("tip-007");

            assertThat(ledger.startAttempt(first, "node-1")).isTrue();
            assertThat(ledger.startAttempt(first, "node-2")).as("fenced: attempt count moved on").isFalse();
            assertThat(ledger.markSent(first.attempted(), "1700000000.000100")).isTrue();
            assertThat(ledger.markSent(first.attempted(), "again")).isFalse();

            assertThat(ledger.find("ts-a", "2025-W13").orElseThrow().status()).isEqualTo(Status.SENT);
            assertThat(store.find("ts-a").orElseThrow().rotation()).isEqualTo(1);
        }
    }
}
