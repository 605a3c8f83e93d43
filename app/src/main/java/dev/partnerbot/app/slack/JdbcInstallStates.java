package dev.partnerbot.app.slack;

import com.slack.api.bolt.service.OAuthStateService;
import dev.partnerbot.slack.install.InstallStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The server-side half of the Slack OAuth {@code state} check in the application's database (table
 * {@code slack_oauth_state}), shared by every instance: a state is valid when one of them issued it less
 * than {@link InstallStates#LIFETIME} ago and it has not been used yet. The browser cookie half stays
 * Bolt's. Errors name the SQL state only.
 */
public final class JdbcInstallStates implements OAuthStateService {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcInstallStates(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void addNewStateToDatastore(String state) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM slack_oauth_state WHERE expires_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(clock.instant()));
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO slack_oauth_state (state, expires_at) VALUES (?, ?)")) {
                insert.setString(1, state);
                insert.setTimestamp(2, Timestamp.from(clock.instant().plus(InstallStates.LIFETIME)));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store an OAuth state (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        if (state == null) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM slack_oauth_state WHERE state = ? AND expires_at >= ?")) {
            q.setString(1, state);
            q.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an OAuth state (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        if (state == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM slack_oauth_state WHERE state = ?")) {
            d.setString(1, state);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete an OAuth state (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
