package dev.partnerbot.app.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.model.builtin.DefaultInstaller;
import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.db.EncryptedColumns;
import dev.partnerbot.app.db.SecretCipher;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack bot tokens encrypted at rest (AES-256-GCM), migration of clear rows, refusal without the right key, rotation. */
class EncryptedTokensTest {
    private static final String TOKEN = "xoxb-1234-5678-abcdefabcdef";
    @TempDir
    Path dir;
    private Database db;

    private static Optional<Secret> newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Optional.of(Secret.of(Base64.getEncoder().encodeToString(k)));
    }

    @BeforeEach
    void open() {
        db = Database.open(new Settings.Database("jdbc:h2:file:" + dir.resolve("db"), Optional.empty(), Optional.empty()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static DefaultInstaller installer(String teamId, String token) {
        return DefaultInstaller.builder().appId("A1").teamId(teamId).isEnterpriseInstall(false).botId("B1")
                .botUserId("UBOT").botAccessToken(token).botScope("chat:write").installedAt(1_700_000_000_000L).build();
    }

    private List<String> storedTokens() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bot_token FROM slack_installation")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void tokensAreStoredEncryptedAndReadBackInClear() throws Exception {
        Optional<SecretCipher> cipher = SecretCipher.of(newKey(), Optional.empty());
        JdbcInstallations installations = new JdbcInstallations(db.dataSource(), Clock.systemUTC(), cipher);
        installations.saveInstallerAndBot(installer("T1", TOKEN));

        assertThat(storedTokens()).singleElement().satisfies(v -> assertThat(v).startsWith("enc:v1:").doesNotContain("xoxb"));
        assertThat(installations.findBot(null, "T1").getBotAccessToken()).isEqualTo(TOKEN);
        assertThat(cipher.get().toString()).doesNotContain(TOKEN);
    }

    @Test
    void clearRowsAreEncryptedAtStartUpOnceAKeyIsSet() throws Exception {
        new JdbcInstallations(db.dataSource(), Clock.systemUTC()).saveInstallerAndBot(installer("T1", TOKEN));
        assertThat(storedTokens()).containsExactly(TOKEN);

        Optional<SecretCipher> cipher = SecretCipher.of(newKey(), Optional.empty());
        assertThat(EncryptedColumns.check(db.dataSource(), cipher)).isEqualTo(1);

        assertThat(storedTokens()).singleElement().satisfies(v -> assertThat(v).startsWith("enc:v1:"));
        assertThat(new JdbcInstallations(db.dataSource(), Clock.systemUTC(), cipher).findBot(null, "T1").getBotAccessToken())
                .isEqualTo(TOKEN);
        assertThat(EncryptedColumns.check(db.dataSource(), cipher)).as("nothing left to do").isZero();
    }

    @Test
    void startUpIsRefusedWhenEncryptedRowsExistAndTheKeyIsMissingOrWrong() {
        Optional<SecretCipher> cipher = SecretCipher.of(newKey(), Optional.empty());
        new JdbcInstallations(db.dataSource(), Clock.systemUTC(), cipher).saveInstallerAndBot(installer("T1", TOKEN));

        assertThatThrownBy(() -> EncryptedColumns.check(db.dataSource(), Optional.empty()))
                .isInstanceOf(SecretCipher.WrongKeyException.class)
                .hasMessageContaining("PARTNERBOT_ENCRYPTION_KEY is not set").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> EncryptedColumns.check(db.dataSource(), SecretCipher.of(newKey(), Optional.empty())))
                .isInstanceOf(SecretCipher.WrongKeyException.class)
                .hasMessageContaining("PARTNERBOT_ENCRYPTION_KEY_PREVIOUS").hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTokenMovedToAnotherRowDoesNotDecrypt() throws Exception {
        Optional<SecretCipher> cipher = SecretCipher.of(newKey(), Optional.empty());
        JdbcInstallations installations = new JdbcInstallations(db.dataSource(), Clock.systemUTC(), cipher);
        installations.saveInstallerAndBot(installer("T1", TOKEN));
        installations.saveInstallerAndBot(installer("T2", "xoxb-other"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE slack_installation SET bot_token = (SELECT bot_token FROM slack_installation "
                    + "WHERE team_id = 'T1') WHERE team_id = 'T2'");
        }

        assertThatThrownBy(() -> installations.findBot(null, "T2")).isInstanceOf(SecretCipher.WrongKeyException.class);
    }

    @Test
    void keyRotationReEncryptsUnderTheNewKey() throws Exception {
        Optional<Secret> oldKey = newKey();
        new JdbcInstallations(db.dataSource(), Clock.systemUTC(), SecretCipher.of(oldKey, Optional.empty()))
                .saveInstallerAndBot(installer("T1", TOKEN));
        String before = storedTokens().get(0);

        Optional<Secret> newKey = newKey();
        Optional<SecretCipher> rotated = SecretCipher.of(newKey, oldKey);
        assertThat(EncryptedColumns.check(db.dataSource(), rotated)).isEqualTo(1);

        String after = storedTokens().get(0);
        assertThat(after).isNotEqualTo(before);
        // The old key is no longer needed.
        Optional<SecretCipher> newOnly = SecretCipher.of(newKey, Optional.empty());
        assertThat(EncryptedColumns.check(db.dataSource(), newOnly)).isZero();
        assertThat(new JdbcInstallations(db.dataSource(), Clock.systemUTC(), newOnly).findBot(null, "T1").getBotAccessToken())
                .isEqualTo(TOKEN);
    }
}
