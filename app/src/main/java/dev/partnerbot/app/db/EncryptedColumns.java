package dev.partnerbot.app.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check of credentials stored at rest (today: {@code slack_installation.bot_token}). With a
 * key configured, clear-text rows are encrypted and rows under the previous key re-encrypted under the
 * current one; every encrypted row must decrypt, or start-up stops naming the key id. Without a key,
 * start-up stops when encrypted rows exist (they could not be used), and a warning says that tokens are
 * stored in clear.
 */
public final class EncryptedColumns {
    private static final Logger log = LoggerFactory.getLogger(EncryptedColumns.class);

    private EncryptedColumns() {
    }

    /** The associated data binding a bot token to its row. */
    public static String botTokenContext(String installationKey) {
        return "slack_installation.bot_token:" + installationKey;
    }

    /**
     * Checks and migrates; returns how many rows were (re-)encrypted.
     *
     * @throws SecretCipher.WrongKeyException when stored tokens cannot be read with the configured keys
     */
    public static int check(DataSource dataSource, Optional<SecretCipher> cipher) {
        record Row(String key, String token) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT installation_key, bot_token FROM slack_installation");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored tokens (SQL state " + e.getSQLState() + ")", e);
        }
        int clear = 0;
        int changed = 0;
        for (Row row : rows) {
            String context = botTokenContext(row.key());
            String plain = SecretCipher.decrypt(cipher, row.token(), context);
            if (!SecretCipher.isEncrypted(row.token())) {
                clear++;
            }
            if (cipher.isPresent() && !cipher.get().current(row.token())) {
                update(dataSource, row.key(), cipher.get().encrypt(plain, context));
                changed++;
            }
        }
        if (cipher.isEmpty() && clear > 0) {
            log.warn("{} Slack bot token(s) are stored in clear text: set PARTNERBOT_ENCRYPTION_KEY to encrypt them", clear);
        }
        if (changed > 0) {
            log.info("encrypted {} stored Slack bot token(s) under the current key", changed);
        }
        return changed;
    }

    private static void update(DataSource dataSource, String key, String value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("UPDATE slack_installation SET bot_token = ? WHERE installation_key = ?")) {
            u.setString(1, value);
            u.setString(2, key);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot encrypt a stored token (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
