package dev.partnerbot.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything PartnerBot reads from its environment, validated once at start-up by
 * {@link SettingsLoader}. Secrets are {@link Secret}s, so {@code toString()} never shows them.
 */
public record Settings(
        int port,
        Database database,
        Slack slack,
        Teams teams,
        Set<String> managers,
        Duration tipGraceWindow,
        Duration shutdownTimeout,
        Llm llm) {

    /** Settings without a language model (tailoring off). */
    public Settings(int port, Database database, Slack slack, Teams teams, Set<String> managers, Duration tipGraceWindow,
                    Duration shutdownTimeout) {
        this(port, database, slack, teams, managers, tipGraceWindow, shutdownTimeout, Llm.OFF);
    }

    /**
     * The optional language model that tailors answers ({@code PARTNERBOT_LLM_*}). {@code sendText} records
     * the operator's consent that users' message text may be sent to the provider; without it no call is
     * made. {@code timeout} bounds one tailoring call.
     */
    public record Llm(String provider, Optional<URI> url, Optional<String> model, Optional<Secret> apiKey, boolean sendText,
                      Duration timeout) {
        public static final List<String> PROVIDERS = List.of("off", "openai", "azure", "ollama");
        public static final Llm OFF = new Llm("off", Optional.empty(), Optional.empty(), Optional.empty(), false,
                Duration.ofMillis(8000));

        public boolean configured() {
            return !"off".equals(provider);
        }

        /** Whether calls are made: a provider is configured and the operator consented to sending text. */
        public AdapterStatus status() {
            if (!configured()) {
                return AdapterStatus.off("PARTNERBOT_LLM_PROVIDER is off");
            }
            if (!sendText) {
                return AdapterStatus.off("PARTNERBOT_LLM_SEND_TEXT is not true: no message text may leave this process");
            }
            return AdapterStatus.on(provider + ", model " + model.orElse("?") + ", host "
                    + url.map(URI::getHost).orElse("?") + ", message text is sent");
        }
    }

    /** Default embedded database: an H2 file under ./data/, shared safely by the server and the CLI. */
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/partnerbot;AUTO_SERVER=TRUE";

    /**
     * The database and the keys that encrypt stored tokens at rest: {@code encryptionKey} and, during a
     * key rotation, {@code previousEncryptionKey} (each 32 bytes; AES-256-GCM).
     */
    public record Database(String url, Optional<String> user, Optional<Secret> password, Optional<Secret> encryptionKey,
                           Optional<Secret> previousEncryptionKey) {

        /** A database without encryption keys. */
        public Database(String url, Optional<String> user, Optional<Secret> password) {
            this(url, user, password, Optional.empty(), Optional.empty());
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    /**
     * Slack settings. Without a bot token but with a client id and secret the app is distributed to
     * many workspaces through Slack's OAuth install flow: {@code scopes} are the bot scopes it asks
     * for (empty: the adapter's defaults, those of {@code slack/manifest.yml}), {@code publicUrl} is
     * where Slack sends installers back to ({@code <publicUrl>/slack/oauth_redirect}; empty: the
     * redirect URL of the app's settings), and {@code authorizeUrl} is Slack's authorize page.
     */
    public record Slack(
            Optional<Secret> botToken,
            Optional<Secret> signingSecret,
            Optional<Secret> appToken,
            Optional<String> clientId,
            Optional<Secret> clientSecret,
            URI apiUrl,
            List<String> scopes,
            Optional<URI> publicUrl,
            URI authorizeUrl) {

        public static final URI SLACK_AUTHORIZE_URL = URI.create("https://slack.com/oauth/v2/authorize");

        public Slack {
            scopes = List.copyOf(scopes);
        }

        /** Settings without the OAuth install extras (default scopes, no public URL, Slack's authorize page). */
        public Slack(Optional<Secret> botToken, Optional<Secret> signingSecret, Optional<Secret> appToken,
                     Optional<String> clientId, Optional<Secret> clientSecret, URI apiUrl) {
            this(botToken, signingSecret, appToken, clientId, clientSecret, apiUrl, List.of(), Optional.empty(),
                    SLACK_AUTHORIZE_URL);
        }

        /** How Slack traffic reaches the bot, or why it cannot. */
        public AdapterStatus status() {
            if (appToken.isPresent()) {
                return botToken.isPresent()
                        ? AdapterStatus.on("Socket Mode")
                        : AdapterStatus.off("SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing");
            }
            if (signingSecret.isEmpty()) {
                return AdapterStatus.off(botToken.isPresent()
                        ? "SLACK_SIGNING_SECRET is not set"
                        : "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set");
            }
            if (botToken.isPresent()) {
                return AdapterStatus.on("HTTP, single workspace");
            }
            if (clientId.isPresent() && clientSecret.isPresent()) {
                return AdapterStatus.on("HTTP, multi-workspace OAuth");
            }
            return AdapterStatus.off("SLACK_BOT_TOKEN is not set (nor SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for OAuth installs)");
        }
    }

    public record Teams(
            Optional<String> appId,
            Optional<Secret> appPassword,
            Optional<String> tenantId,
            URI openIdMetadataUrl,
            URI tokenUrl) {

        public static final URI PUBLIC_OPENID_METADATA =
                URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration");

        /** Microsoft's login endpoint for a tenant, or the multi-tenant Bot Framework one. */
        public static URI defaultTokenUrl(Optional<String> tenantId) {
            return URI.create("https://login.microsoftonline.com/"
                    + tenantId.orElse("botframework.com") + "/oauth2/v2.0/token");
        }

        public AdapterStatus status() {
            if (appId.isEmpty()) {
                return AdapterStatus.off("MICROSOFT_APP_ID is not set");
            }
            if (appPassword.isEmpty()) {
                return AdapterStatus.off("MICROSOFT_APP_PASSWORD is not set");
            }
            return AdapterStatus.on(tenantId.isPresent() ? "single-tenant" : "multi-tenant");
        }
    }

    /** Whether an adapter runs, and a short reason that is safe to log. */
    public record AdapterStatus(boolean enabled, String detail) {
        public static AdapterStatus on(String mode) {
            return new AdapterStatus(true, mode);
        }

        public static AdapterStatus off(String reason) {
            return new AdapterStatus(false, reason);
        }
    }
}
