package dev.partnerbot.app.tips;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.ScheduleStore;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tip schedules in the {@code tip_schedule} table. Creating a schedule also plans its first run in
 * db-scheduler's table, so a schedule made from the CLI is picked up by running servers.
 */
public final class JdbcScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "id, platform, team, channel, day_of_week, local_time, zone, tip_language, "
            + "state, created_by, created_at, rotation";

    private final DataSource dataSource;
    private final SchedulerClient executions;
    private final Clock clock;

    public JdbcScheduleStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.executions = WeeklyTipTask.client(dataSource);
        this.clock = clock;
    }

    @Override
    public TipSchedule create(TipSchedule s) {
        String sql = "INSERT INTO tip_schedule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.id());
            ps.setString(2, s.platform());
            ps.setString(3, s.team());
            ps.setString(4, s.channel());
            ps.setString(5, s.day().name());
            ps.setString(6, s.time().toString());
            ps.setString(7, s.zone().getId());
            ps.setString(8, s.language().code());
            ps.setString(9, s.state().name());
            ps.setString(10, s.createdBy());
            Sql.setInstant(ps, 11, s.createdAt());
            ps.setLong(12, s.rotation());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store tip schedule " + s.id(), e);
        }
        WeeklyTipTask.plan(executions, s, clock.instant());
        return s;
    }

    @Override
    public Optional<TipSchedule> find(String id) {
        List<TipSchedule> found = query("SELECT " + COLUMNS + " FROM tip_schedule WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<TipSchedule> list(Optional<String> team) {
        return team.map(t -> query("SELECT " + COLUMNS + " FROM tip_schedule WHERE team = ? AND state <> 'CANCELLED' "
                        + "ORDER BY created_at, id", t))
                .orElseGet(() -> query("SELECT " + COLUMNS + " FROM tip_schedule WHERE state <> 'CANCELLED' "
                        + "ORDER BY created_at, id"));
    }

    /** Every schedule that may still run (active or paused), for re-planning at start-up. */
    public List<TipSchedule> live() {
        return list(Optional.empty());
    }

    @Override
    public boolean setState(String id, ScheduleState state) {
        return setState(id, state, null);
    }

    /** Changes the state and records why (e.g. {@code channel_not_found} when paused by delivery). */
    public boolean setState(String id, ScheduleState state, String reason) {
        String sql = "UPDATE tip_schedule SET state = ?, paused_reason = ? WHERE id = ? AND state <> 'CANCELLED'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state.name());
            ps.setString(2, state == ScheduleState.PAUSED ? Sql.reason(reason) : null);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change tip schedule " + id, e);
        }
    }

    /** Makes sure every live schedule has a planned run (after a restore, or a crash between insert and plan). */
    public int replanAll() {
        int planned = 0;
        for (TipSchedule s : live()) {
            if (WeeklyTipTask.plan(executions, s, clock.instant())) {
                planned++;
            }
        }
        return planned;
    }

    private List<TipSchedule> query(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<TipSchedule> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TipSchedule(rs.getString("id"), rs.getString("platform"), rs.getString("team"),
                            rs.getString("channel"), DayOfWeek.valueOf(rs.getString("day_of_week")),
                            LocalTime.parse(rs.getString("local_time")), ZoneId.of(rs.getString("zone")),
                            TipLanguage.byCode(rs.getString("tip_language")).orElseThrow(),
                            ScheduleState.valueOf(rs.getString("state")), rs.getString("created_by"),
                            Sql.instant(rs, "created_at"), rs.getLong("rotation")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tip schedules", e);
        }
    }
}
