package dev.partnerbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void startsOnDefaultsWithBothAdaptersOffAndSaysWhy() {
        Settings s = SettingsLoader.load(Map.of(), Optional.empty());

        assertThat(s.port()).isEqualTo(3000);
        assertThat(s.database().url()).startsWith("jdbc:h2:file:./data/");
        assertThat(s.slack().apiUrl()).hasToString("https://slack.com/api/");
        assertThat(s.slack().status().enabled()).isFalse();
        assertThat(s.slack().status().detail()).contains("SLACK_BOT_TOKEN").contains("SLACK_SIGNING_SECRET");
        assertThat(s.teams().status().enabled()).isFalse();
        assertThat(s.teams().status().detail()).contains("MICROSOFT_APP_ID");
        assertThat(s.tipGraceWindow()).hasHours(6);
    }

    @Test
    void rejectsPortThatIsNotANumberNamingTheKey() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PORT", "eighty"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT: expected an integer between 1 and 65535, got 'eighty'");
    }

    @Test
    void encryptionKeyMustBeThirtyTwoBytesOfBase64AndNeverShows() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Settings s = SettingsLoader.load(Map.of("PARTNERBOT_ENCRYPTION_KEY", key), Optional.empty());
        assertThat(s.database().encryptionKey()).isPresent();
        assertThat(s.toString()).doesNotContain(key);

        String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PARTNERBOT_ENCRYPTION_KEY", shortKey), Optional.empty()))
                .hasMessageContaining("PARTNERBOT_ENCRYPTION_KEY").hasMessageContaining("32 random bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PARTNERBOT_ENCRYPTION_KEY_PREVIOUS", "not base64!"), Optional.empty()))
                .hasMessageContaining("PARTNERBOT_ENCRYPTION_KEY_PREVIOUS");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PORT", "70000"), Optional.empty()))
                .hasMessageContaining("PORT: expected an integer between 1 and 65535");
    }

    @Test
    void rejectsUnknownKeyInYamlFile() throws IOException {
        Path yaml = write("PORT: 8080\nSLAK_BOT_TOKEN: xoxb-typo\n");

        assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Optional.of(yaml)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SLAK_BOT_TOKEN: unknown key")
                .hasMessageNotContaining("xoxb-typo");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ConfigException e = (ConfigException) org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> SettingsLoader.load(Map.of("PORT", "0", "SLACK_API_URL", "not a url",
                        "DATABASE_URL", "mysql://x"), Optional.empty()));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("SLACK_API_URL: expected an absolute http(s) URL")
                .contains("DATABASE_URL: expected a JDBC URL");
    }

    @Test
    void environmentWinsOverYaml() throws IOException {
        Path yaml = write("PORT: 8080\nSLACK_API_URL: http://localhost:9999/api/\n");

        Settings s = SettingsLoader.load(Map.of("PORT", "9090"), Optional.of(yaml));

        assertThat(s.port()).isEqualTo(9090);
        assertThat(s.slack().apiUrl()).hasToString("http://localhost:9999/api/");
    }

    @Test
    void masksSecretsInToStringAndErrors() {
        Settings s = SettingsLoader.load(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-very-secret-token",
                "SLACK_SIGNING_SECRET", "signing-secret-value",
                "MICROSOFT_APP_ID", "app-id",
                "MICROSOFT_APP_PASSWORD", "app-password-value",
                "DATABASE_PASSWORD", "db-password-value"), Optional.empty());

        String printed = s.toString();
        assertThat(printed).doesNotContain("very-secret-token", "signing-secret-value",
                "app-password-value", "db-password-value").contains("****");
        assertThat(s.slack().status().enabled()).isTrue();
        assertThat(s.teams().status().enabled()).isTrue();

        assertThatThrownBy(() -> SettingsLoader.load(Map.of("SLACK_APP_TOKEN", "xoxb-wrong-kind-secret"), Optional.empty()))
                .hasMessageContaining("SLACK_APP_TOKEN: expected an app-level token starting with xapp-")
                .hasMessageNotContaining("wrong-kind-secret");
    }

    @Test
    void secretsComparedByValueButNeverPrinted() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("abc").toString()).isEqualTo("****");
    }

    @Test
    void teamsTokenUrlDefaultsToTenantLoginEndpoint() {
        Settings single = SettingsLoader.load(Map.of("MICROSOFT_APP_TENANT_ID", "contoso.onmicrosoft.com"), Optional.empty());
        Settings multi = SettingsLoader.load(Map.of(), Optional.empty());

        assertThat(single.teams().tokenUrl()).hasToString(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(multi.teams().tokenUrl()).hasToString(
                "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
    }

    @Test
    void slackNeedsSigningSecretForHttpAndBotTokenForSocketMode() {
        assertThat(SettingsLoader.load(Map.of("SLACK_BOT_TOKEN", "xoxb-1"), Optional.empty()).slack().status())
                .isEqualTo(Settings.AdapterStatus.off("SLACK_SIGNING_SECRET is not set"));
        assertThat(SettingsLoader.load(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), Optional.empty())
                .slack().status()).isEqualTo(Settings.AdapterStatus.on("Socket Mode"));
    }

    @Test
    void slackOAuthInstallsUseDefaultsUnlessScopesPublicUrlAndAuthorizeUrlAreGiven() {
        Settings.Slack defaults = SettingsLoader.load(Map.of("SLACK_CLIENT_ID", "123.456", "SLACK_CLIENT_SECRET", "cs",
                "SLACK_SIGNING_SECRET", "ss"), Optional.empty()).slack();
        Settings.Slack given = SettingsLoader.load(Map.of("SLACK_CLIENT_ID", "123.456", "SLACK_CLIENT_SECRET", "cs",
                "SLACK_SIGNING_SECRET", "ss", "SLACK_SCOPES", " chat:write, commands ,app_mentions:read",
                "PARTNERBOT_PUBLIC_URL", "https://bot.example.com", "SLACK_AUTHORIZE_URL", "http://localhost:9999/oauth/v2/authorize"),
                Optional.empty()).slack();

        assertThat(defaults.status()).isEqualTo(Settings.AdapterStatus.on("HTTP, multi-workspace OAuth"));
        assertThat(defaults.scopes()).isEmpty();
        assertThat(defaults.publicUrl()).isEmpty();
        assertThat(defaults.authorizeUrl()).hasToString("https://slack.com/oauth/v2/authorize");
        assertThat(given.scopes()).containsExactly("chat:write", "commands", "app_mentions:read");
        assertThat(given.publicUrl()).hasValue(java.net.URI.create("https://bot.example.com"));
        assertThat(given.authorizeUrl()).hasToString("http://localhost:9999/oauth/v2/authorize");
    }

    @Test
    void rejectsMalformedScopesAndPublicUrlNamingTheKeys() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> SettingsLoader.load(
                Map.of("SLACK_SCOPES", "chat:write,chat write", "PARTNERBOT_PUBLIC_URL", "bot.example.com"), Optional.empty()));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).contains("SLACK_SCOPES: expected comma-separated OAuth scopes")
                .contains("PARTNERBOT_PUBLIC_URL: expected an absolute http(s) URL");
    }

    @Test
    void parsesManagersList() {
        Settings s = SettingsLoader.load(Map.of("PARTNERBOT_MANAGERS", " U123 , 5b7e-aad-id,,"), Optional.empty());

        assertThat(s.managers()).containsExactlyInAnyOrder("U123", "5b7e-aad-id");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("PARTNERBOT_MANAGERS", "U1, bad id"), Optional.empty()))
                .hasMessageContaining("PARTNERBOT_MANAGERS");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("partnerbot.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
