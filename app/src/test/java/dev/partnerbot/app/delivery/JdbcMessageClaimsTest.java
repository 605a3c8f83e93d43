package dev.partnerbot.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.tips.TestDatabases;
import dev.partnerbot.core.delivery.MessageClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Claims shared through the database: two instances (two claim objects on one database) answer a message once. */
class JdbcMessageClaimsTest {

    private static Clock at(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    private static void claimsOnceAcrossInstances(Database db) throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
        JdbcMessageClaims first = new JdbcMessageClaims(db.dataSource(), at(now), Duration.ofHours(1));
        JdbcMessageClaims second = new JdbcMessageClaims(db.dataSource(), at(now), Duration.ofHours(1));
        String key = MessageClaims.slack("T1", "D1", "1700000000.000100");

        assertThat(first.claim(key)).isTrue();
        assertThat(second.claim(key)).as("the other instance").isFalse();
        assertThat(first.claim(key)).as("a retry on the same instance").isFalse();
        assertThat(second.claim(MessageClaims.teams("a:1", "1715000130040"))).isTrue();

        // After the claim expires, it can be taken again, and the cleanup removes expired rows.
        now.set(now.get().plus(Duration.ofHours(2)));
        JdbcMessageClaims later = new JdbcMessageClaims(db.dataSource(), at(now), Duration.ofHours(1));
        assertThat(later.claim(key)).isTrue();
        assertThat(later.deleteExpired()).isEqualTo(1);
    }

    private static void manyInstancesRacingForOneMessageLetExactlyOneWin(Database db) throws Exception {
        Clock clock = Clock.systemUTC();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcMessageClaims instance = new JdbcMessageClaims(db.dataSource(), clock);
                racers.add(() -> instance.claim(MessageClaims.slack("T1", "C1", "1700000000.000900")));
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void h2() throws Exception {
        try (Database db = TestDatabases.h2()) {
            claimsOnceAcrossInstances(db);
            manyInstancesRacingForOneMessageLetExactlyOneWin(db);
        }
    }

    @Test
    void postgres() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            claimsOnceAcrossInstances(db);
            manyInstancesRacingForOneMessageLetExactlyOneWin(db);
        }
    }

    @Test
    void anUnreachableDatabaseAnswersRatherThanDrops() {
        Database db = TestDatabases.h2();
        JdbcMessageClaims claims = new JdbcMessageClaims(db.dataSource(), Clock.systemUTC());
        db.close();

        assertThat(claims.claim(MessageClaims.slack("T1", "C1", "1.1"))).isTrue();
        assertThat(claims.claim(MessageClaims.slack("T1", "C1", "1.1"))).as("still once within this instance").isFalse();
    }
}
