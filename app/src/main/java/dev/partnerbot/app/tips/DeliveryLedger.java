package dev.partnerbot.app.tips;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code tip_delivery} table: one row per (schedule, week), inserted (claimed) before anything
 * is posted. Its primary key makes a second claim fail, and every later step is a compare-and-set
 * on the row, so two instances that both think they own a run cannot both post.
 */
public final class DeliveryLedger {

    /** Statuses of a delivery record. */
    public enum Status { CLAIMED, SENT, MISSED, SKIPPED, FAILED }

    /** One delivery record. {@code inDoubt}: a post was attempted and its outcome is not known. */
    public record Delivery(String scheduleId, String week, Instant slot, String tipId, long position, Status status,
                           boolean inDoubt, int attempts, String messageRef, String reason) {
        public boolean finished() {
            return status != Status.CLAIMED;
        }

        Delivery attempted() {
            return new Delivery(scheduleId, week, slot, tipId, position, status, true, attempts + 1, messageRef, reason);
        }

        Delivery cleared() {
            return new Delivery(scheduleId, week, slot, tipId, position, status, false, attempts, messageRef, reason);
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public DeliveryLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Claims the week for this schedule, or returns the existing record when it was claimed before. */
    public Delivery claim(String scheduleId, String week, Instant slot, String tipId, long position, String node) {
        String sql = "INSERT INTO tip_delivery (schedule_id, week, slot_at, tip_id, tip_position, status, in_doubt, "
                + "attempts, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?, 'CLAIMED', FALSE, 0, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scheduleId);
            ps.setString(2, week);
            Sql.setInstant(ps, 3, slot);
            ps.setString(4, tipId);
            ps.setLong(5, position);
            ps.setString(6, node);
            Sql.setInstant(ps, 7, clock.instant());
            ps.executeUpdate();
            return new Delivery(scheduleId, week, slot, tipId, position, Status.CLAIMED, false, 0, null, null);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return find(scheduleId, week).orElseThrow(() -> new IllegalStateException(
                        "delivery " + scheduleId + "/" + week + " vanished", e));
            }
            throw new IllegalStateException("cannot claim delivery " + scheduleId + "/" + week, e);
        }
    }

    /**
     * Marks that a post is about to be attempted: in doubt from now until its outcome is recorded.
     * Compare-and-set on the attempt count: false when another instance moved the record on.
     */
    public boolean startAttempt(Delivery d, String node) {
        return update("UPDATE tip_delivery SET in_doubt = TRUE, attempts = attempts + 1, claimed_by = ? "
                + "WHERE schedule_id = ? AND week = ? AND status = 'CLAIMED' AND attempts = ?",
                node, d.scheduleId(), d.week(), d.attempts()) == 1;
    }

    /** The attempt certainly did not post (rate limited, or the platform looked and found nothing). */
    public boolean clearDoubt(Delivery d) {
        return update("UPDATE tip_delivery SET in_doubt = FALSE WHERE schedule_id = ? AND week = ? "
                + "AND status = 'CLAIMED' AND attempts = ?", d.scheduleId(), d.week(), d.attempts()) == 1;
    }

    /** Records the post and advances the schedule's rotation past its tip, in one transaction. */
    public boolean markSent(Delivery d, String messageRef) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE tip_delivery SET status = 'SENT', in_doubt = FALSE, "
                        + "message_ref = ?, finished_at = ? WHERE schedule_id = ? AND week = ? AND status = 'CLAIMED'")) {
                    ps.setString(1, messageRef == null ? null : Sql.reason(messageRef));
                    Sql.setInstant(ps, 2, clock.instant());
                    ps.setString(3, d.scheduleId());
                    ps.setString(4, d.week());
                    updated = ps.executeUpdate();
                }
                if (updated == 1) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE tip_schedule SET rotation = ? WHERE id = ? AND rotation <= ?")) {
                        ps.setLong(1, d.position() + 1);
                        ps.setString(2, d.scheduleId());
                        ps.setLong(3, d.position());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record delivery " + d.scheduleId() + "/" + d.week(), e);
        }
    }

    /** Closes a claimed record without a post: missed, skipped or failed, with a short reason code. */
    public boolean finish(Delivery d, Status status, String reason) {
        if (status == Status.CLAIMED || status == Status.SENT) {
            throw new IllegalArgumentException("finish is for deliveries that did not post: " + status);
        }
        return update("UPDATE tip_delivery SET status = ?, in_doubt = FALSE, reason = ?, finished_at = ? "
                + "WHERE schedule_id = ? AND week = ? AND status = 'CLAIMED'",
                status.name(), Sql.reason(reason), clock.instant(), d.scheduleId(), d.week()) == 1;
    }

    public Optional<Delivery> find(String scheduleId, String week) {
        List<Delivery> found = query("SELECT * FROM tip_delivery WHERE schedule_id = ? AND week = ?", scheduleId, week);
        return found.stream().findFirst();
    }

    public List<Delivery> forSchedule(String scheduleId) {
        return query("SELECT * FROM tip_delivery WHERE schedule_id = ? ORDER BY slot_at", scheduleId);
    }

    public List<Delivery> all() {
        return query("SELECT * FROM tip_delivery ORDER BY schedule_id, slot_at");
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Instant t) {
                    Sql.setInstant(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update tip delivery", e);
        }
    }

    private List<Delivery> query(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getString("schedule_id"), rs.getString("week"), Sql.instant(rs, "slot_at"),
                            rs.getString("tip_id"), rs.getLong("tip_position"), Status.valueOf(rs.getString("status")),
                            rs.getBoolean("in_doubt"), rs.getInt("attempts"), rs.getString("message_ref"),
                            rs.getString("reason")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tip deliveries", e);
        }
    }
}
