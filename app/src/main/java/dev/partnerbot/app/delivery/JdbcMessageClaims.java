package dev.partnerbot.app.delivery;

import dev.partnerbot.core.delivery.MemoryMessageClaims;
import dev.partnerbot.core.delivery.MessageClaims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message claims shared by every instance on one database (table {@code message_claim}): a claim is an
 * insert that only one instance can win (the primary key), so a Slack retry or a Teams redelivery that
 * lands on another instance is not answered again. A bounded in-memory set in front answers repeats on
 * the same instance without a round trip. An expired claim (older than {@link #REMEMBER_FOR}) may be
 * taken again; {@link #deleteExpired()} removes them (run periodically by the application).
 *
 * <p>When the database cannot be reached, the claim is granted (the message is answered, at the risk
 * of a duplicate) rather than dropped: losing an answer is worse than answering twice.
 */
public final class JdbcMessageClaims implements MessageClaims {
    private static final Logger log = LoggerFactory.getLogger(JdbcMessageClaims.class);
    /** SQL state of a unique-key violation, in PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration rememberFor;
    private final MemoryMessageClaims local = new MemoryMessageClaims(50_000);

    public JdbcMessageClaims(DataSource dataSource, Clock clock) {
        this(dataSource, clock, REMEMBER_FOR);
    }

    public JdbcMessageClaims(DataSource dataSource, Clock clock, Duration rememberFor) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.rememberFor = rememberFor;
    }

    @Override
    public boolean claim(String key) {
        if (key.length() > 600) {
            throw new IllegalArgumentException("claim keys are at most 600 characters");
        }
        if (!local.claim(key)) {
            return false;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (insert(c, key, now)) {
                return true;
            }
            // Taken before: only an expired claim may be taken again.
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM message_claim WHERE claim_key = ? AND expires_at < ?")) {
                delete.setString(1, key);
                delete.setTimestamp(2, Timestamp.from(now));
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            return insert(c, key, now);
        } catch (SQLException e) {
            log.warn("message claim not recorded (SQL state {}); answering anyway", e.getSQLState());
            return true;
        }
    }

    private boolean insert(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO message_claim (claim_key, claimed_at, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setTimestamp(3, Timestamp.from(now.plus(rememberFor)));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes expired claims; returns how many. */
    public int deleteExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM message_claim WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant()));
            return delete.executeUpdate();
        } catch (SQLException e) {
            log.warn("expired message claims not deleted (SQL state {})", e.getSQLState());
            return 0;
        }
    }
}
