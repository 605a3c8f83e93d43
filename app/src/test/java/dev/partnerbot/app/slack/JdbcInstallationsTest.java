package dev.partnerbot.app.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import dev.partnerbot.app.db.Database;
import dev.partnerbot.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcInstallationsTest {
    @TempDir
    Path dir;
    private Database db;
    private JdbcInstallations installations;

    @BeforeEach
    void open() {
        db = Database.open(new Settings.Database("jdbc:h2:file:" + dir.resolve("db"), Optional.empty(), Optional.empty()));
        installations = new JdbcInstallations(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static DefaultInstaller installer(String enterpriseId, String teamId, String token, boolean orgWide) {
        return DefaultInstaller.builder()
                .appId("A1").enterpriseId(enterpriseId).teamId(teamId).isEnterpriseInstall(orgWide)
                .botId("B1").botUserId("UBOT").botAccessToken(token).botScope("chat:write,commands")
                .installerUserId("U9").installerUserAccessToken("xoxp-user-token-not-kept")
                .installedAt(1_700_000_000_000L).build();
    }

    @Test
    void storesTheBotOfAnOAuthInstallAndFindsItByTeam() {
        installations.saveInstallerAndBot(installer(null, "T1", "xoxb-t1", false));

        Bot bot = installations.findBot(null, "T1");
        assertThat(bot.getBotAccessToken()).isEqualTo("xoxb-t1");
        assertThat(bot.getBotId()).isEqualTo("B1");
        assertThat(bot.getBotUserId()).isEqualTo("UBOT");
        assertThat(bot.getBotScope()).isEqualTo("chat:write,commands");
        assertThat(bot.getInstalledAt()).isEqualTo(1_700_000_000_000L);
        assertThat(installations.findBot(null, "T2")).isNull();
        assertThat(installations.findInstaller(null, "T1", "U9")).as("user tokens are not kept").isNull();
    }

    @Test
    void reinstallReplacesTheToken() {
        installations.saveInstallerAndBot(installer(null, "T1", "xoxb-old", false));
        installations.saveInstallerAndBot(installer(null, "T1", "xoxb-new", false));

        assertThat(installations.findBot(null, "T1").getBotAccessToken()).isEqualTo("xoxb-new");
    }

    @Test
    void workspaceOfAnOrgWideInstallUsesTheOrganisationsBot() {
        installations.saveInstallerAndBot(installer("E1", null, "xoxb-org", true));
        installations.saveInstallerAndBot(installer("E2", "T5", "xoxb-e2-t5", false));

        assertThat(installations.findBot("E1", "T7").getBotAccessToken()).isEqualTo("xoxb-org");
        assertThat(installations.findBot("E2", "T5").getBotAccessToken()).isEqualTo("xoxb-e2-t5");
        assertThat(installations.findBot("E2", "T6")).as("a workspace-level install covers only its workspace").isNull();
    }

    @Test
    void uninstallAndRevocationDeleteTheInstallation() {
        installations.saveInstallerAndBot(installer(null, "T1", "xoxb-t1", false));
        installations.saveInstallerAndBot(installer(null, "T2", "xoxb-t2", false));

        installations.deleteAll(null, "T1");
        installations.deleteBot(installations.findBot(null, "T2"));

        assertThat(installations.findBot(null, "T1")).isNull();
        assertThat(installations.findBot(null, "T2")).isNull();
    }

    @Test
    void foundInstallationNeverPrintsItsToken() {
        installations.saveInstallerAndBot(installer(null, "T1", "xoxb-secret-value", false));

        assertThat(installations.findBot(null, "T1").toString()).doesNotContain("xoxb-secret-value").contains("T1");
    }
}
