package dev.partnerbot.app.teams;

import dev.partnerbot.teams.install.ConversationReferenceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** Teams conversation references in the application's database (table {@code teams_conversation_reference}). */
public final class JdbcConversationReferences implements ConversationReferenceStore {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcConversationReferences(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public boolean save(String tenantId, String conversationId, String referenceJson) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE teams_conversation_reference "
                    + "SET reference_json = ?, updated_at = ? WHERE tenant_id = ? AND conversation_id = ?")) {
                update.setString(1, referenceJson);
                update.setTimestamp(2, now);
                update.setString(3, tenantId);
                update.setString(4, conversationId);
                if (update.executeUpdate() > 0) {
                    c.commit();
                    return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO teams_conversation_reference "
                    + "(tenant_id, conversation_id, reference_json, installed_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, tenantId);
                insert.setString(2, conversationId);
                insert.setString(3, referenceJson);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException duplicate) {
                // another turn installed the same conversation at the same moment: it greets, not us
                c.rollback();
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a Teams conversation reference (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void remove(String tenantId, String conversationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM teams_conversation_reference WHERE tenant_id = ? AND conversation_id = ?")) {
            delete.setString(1, tenantId);
            delete.setString(2, conversationId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove a Teams conversation reference (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public Optional<String> find(String tenantId, String conversationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT reference_json FROM teams_conversation_reference "
                     + "WHERE tenant_id = ? AND conversation_id = ?")) {
            q.setString(1, tenantId);
            q.setString(2, conversationId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a Teams conversation reference (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
