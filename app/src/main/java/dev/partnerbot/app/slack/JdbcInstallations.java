package dev.partnerbot.app.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.service.InstallationService;
import dev.partnerbot.app.db.EncryptedColumns;
import dev.partnerbot.app.db.SecretCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Slack OAuth installations in the application's database (table {@code slack_installation}): the
 * bot token of every workspace or Enterprise Grid organisation that installed PartnerBot. Only the
 * latest installation is kept and user tokens are never stored. Errors name the SQL state, never a
 * token, and {@link Bot#toString()} of what this returns hides the token.
 */
public final class JdbcInstallations implements InstallationService {
    private static final String COLUMNS = "enterprise_id, team_id, is_enterprise_install, app_id, bot_id, bot_user_id, "
            + "bot_token, bot_scopes, installed_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final Optional<SecretCipher> cipher;

    /** Installations with tokens stored as given (no encryption key configured). */
    public JdbcInstallations(DataSource dataSource, Clock clock) {
        this(dataSource, clock, Optional.empty());
    }

    /** Installations whose bot tokens are encrypted at rest with {@code cipher} (AES-256-GCM) when present. */
    public JdbcInstallations(DataSource dataSource, Clock clock, Optional<SecretCipher> cipher) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cipher = cipher;
    }

    static String key(String enterpriseId, String teamId) {
        return (enterpriseId == null ? "" : enterpriseId) + "/" + (teamId == null ? "" : teamId);
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        if (enabled) {
            throw new UnsupportedOperationException("only the latest Slack installation of a workspace is kept");
        }
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        DefaultBot bot = new DefaultBot();
        bot.setAppId(installer.getAppId());
        bot.setEnterpriseId(installer.getEnterpriseId());
        bot.setTeamId(installer.getTeamId());
        bot.setIsEnterpriseInstall(installer.getIsEnterpriseInstall());
        bot.setBotId(installer.getBotId());
        bot.setBotUserId(installer.getBotUserId());
        bot.setBotAccessToken(installer.getBotAccessToken());
        bot.setBotScope(installer.getBotScope());
        bot.setInstalledAt(installer.getInstalledAt());
        saveBot(bot);
    }

    @Override
    public void saveBot(Bot bot) {
        if (bot.getBotAccessToken() == null) {
            throw new IllegalArgumentException("a Slack installation without a bot token cannot be stored");
        }
        String key = key(bot.getEnterpriseId(), bot.getTeamId());
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp installedAt = bot.getInstalledAt() == null ? now : Timestamp.from(Instant.ofEpochMilli(bot.getInstalledAt()));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE slack_installation SET enterprise_id = ?, team_id = ?, "
                    + "is_enterprise_install = ?, app_id = ?, bot_id = ?, bot_user_id = ?, bot_token = ?, bot_scopes = ?, "
                    + "installed_at = ?, updated_at = ? WHERE installation_key = ?")) {
                bind(update, bot, installedAt);
                update.setTimestamp(10, now);
                update.setString(11, key);
                if (update.executeUpdate() > 0) {
                    c.commit();
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO slack_installation (" + COLUMNS
                    + ", updated_at, installation_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, bot, installedAt);
                insert.setTimestamp(10, now);
                insert.setString(11, key);
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a Slack installation (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private void bind(PreparedStatement s, Bot bot, Timestamp installedAt) throws SQLException {
        s.setString(1, bot.getEnterpriseId());
        s.setString(2, bot.getTeamId());
        s.setBoolean(3, Boolean.TRUE.equals(bot.getIsEnterpriseInstall()));
        s.setString(4, bot.getAppId());
        s.setString(5, bot.getBotId());
        s.setString(6, bot.getBotUserId());
        String context = EncryptedColumns.botTokenContext(key(bot.getEnterpriseId(), bot.getTeamId()));
        s.setString(7, cipher.map(c -> c.encrypt(bot.getBotAccessToken(), context)).orElse(bot.getBotAccessToken()));
        s.setString(8, bot.getBotScope());
        s.setTimestamp(9, installedAt);
    }

    /**
     * The bot of a workspace; for a workspace of an Enterprise Grid organisation that installed
     * PartnerBot org-wide, the organisation's bot.
     */
    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        Bot bot = find(key(enterpriseId, teamId), false);
        if (bot == null && enterpriseId != null && teamId != null) {
            bot = find(key(enterpriseId, null), true);
        }
        return bot;
    }

    private Bot find(String key, boolean enterpriseInstallOnly) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM slack_installation WHERE installation_key = ?"
                     + (enterpriseInstallOnly ? " AND is_enterprise_install = TRUE" : ""))) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StoredBot bot = new StoredBot();
                bot.setEnterpriseId(rs.getString(1));
                bot.setTeamId(rs.getString(2));
                bot.setIsEnterpriseInstall(rs.getBoolean(3));
                bot.setAppId(rs.getString(4));
                bot.setBotId(rs.getString(5));
                bot.setBotUserId(rs.getString(6));
                bot.setBotAccessToken(SecretCipher.decrypt(cipher, rs.getString(7), EncryptedColumns.botTokenContext(key)));
                bot.setBotScope(rs.getString(8));
                bot.setScope(rs.getString(8));
                bot.setInstalledAt(rs.getTimestamp(9).getTime());
                bot.setTokenType("bot");
                return bot;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a Slack installation (SQL state " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void deleteBot(Bot bot) {
        delete(key(bot.getEnterpriseId(), bot.getTeamId()));
    }

    /** On {@code app_uninstalled}. */
    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        delete(key(enterpriseId, teamId));
    }

    private void delete(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM slack_installation WHERE installation_key = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete a Slack installation (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** User tokens are never stored: nothing to delete. */
    @Override
    public void deleteInstaller(Installer installer) {
    }

    /** User tokens are never stored. */
    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return null;
    }

    /** Bolt's {@link DefaultBot} prints its token in {@code toString()}; this one does not. */
    static final class StoredBot extends DefaultBot {
        @Override
        public String toString() {
            return "SlackInstallation[enterprise=" + getEnterpriseId() + ", team=" + getTeamId() + ", botUser=" + getBotUserId()
                    + ", token ****]";
        }
    }
}
