package dev.partnerbot.app.feedback;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.feedback.FeedbackSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helpful / not helpful votes, counted per behaviour and principle in the database and as
 * {@code partnerbot_feedback_total} in /metrics. The message text is never part of a vote.
 */
public final class FeedbackCounts implements FeedbackSink {
    private static final Logger log = LoggerFactory.getLogger(FeedbackCounts.class);

    private final DataSource dataSource;
    private final MeterRegistry registry;

    public FeedbackCounts(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    @Override
    public void record(String platform, List<Behaviour> behaviours, List<Principle> principles, boolean helpful) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (Behaviour b : behaviours) {
                count(c, platform, "behaviour", b.id(), helpful);
            }
            for (Principle p : principles) {
                count(c, platform, "principle", p.id(), helpful);
            }
            c.commit();
        } catch (SQLException e) {
            log.warn("feedback not stored: platform={} sqlState={}", platform, e.getSQLState());
        }
        log.info("feedback platform={} helpful={} behaviours={} principles={}", platform, helpful,
                behaviours.stream().map(Behaviour::id).toList(), principles.stream().map(Principle::id).toList());
    }

    private void count(Connection c, String platform, String kind, String id, boolean helpful) throws SQLException {
        String column = helpful ? "helpful" : "not_helpful";
        try (PreparedStatement update = c.prepareStatement("UPDATE feedback_count SET " + column + " = " + column
                + " + 1 WHERE platform = ? AND label_kind = ? AND label_id = ?")) {
            update.setString(1, platform);
            update.setString(2, kind);
            update.setString(3, id);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO feedback_count "
                        + "(platform, label_kind, label_id, helpful, not_helpful) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, platform);
                    insert.setString(2, kind);
                    insert.setString(3, id);
                    insert.setLong(4, helpful ? 1 : 0);
                    insert.setLong(5, helpful ? 0 : 1);
                    insert.executeUpdate();
                }
            }
        }
        Counter.builder("partnerbot.feedback")
                .description("Helpful / not helpful votes per behaviour and principle")
                .tag("platform", platform).tag("kind", kind).tag("label", id)
                .tag("vote", helpful ? "helpful" : "not_helpful")
                .register(registry).increment();
    }

    /** Current counts of one label, for tests and reports: {helpful, notHelpful}. */
    public long[] counts(String platform, String kind, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT helpful, not_helpful FROM feedback_count "
                     + "WHERE platform = ? AND label_kind = ? AND label_id = ?")) {
            q.setString(1, platform);
            q.setString(2, kind);
            q.setString(3, id);
            try (var rs = q.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }
}
