package dev.partnerbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads settings from an optional YAML file and the environment (the environment wins),
 * validates all of them at once and reports every problem with its key.
 */
public final class SettingsLoader {

    /** Environment variable naming the YAML file; without it {@code ./partnerbot.yaml} is read if present. */
    public static final String CONFIG_FILE_VARIABLE = "PARTNERBOT_CONFIG";
    public static final Path DEFAULT_CONFIG_FILE = Path.of("partnerbot.yaml");

    /** Every key PartnerBot understands, and whether its value is secret. */
    public enum Key {
        PORT(false), DATABASE_URL(false), DATABASE_USER(false), DATABASE_PASSWORD(true),
        SLACK_BOT_TOKEN(true), SLACK_SIGNING_SECRET(true), SLACK_APP_TOKEN(true), SLACK_API_URL(false),
        SLACK_CLIENT_ID(false), SLACK_CLIENT_SECRET(true), SLACK_SCOPES(false), SLACK_AUTHORIZE_URL(false),
        PARTNERBOT_PUBLIC_URL(false),
        MICROSOFT_APP_ID(false), MICROSOFT_APP_PASSWORD(true), MICROSOFT_APP_TENANT_ID(false),
        BOTFRAMEWORK_OPENID_METADATA_URL(false), BOTFRAMEWORK_TOKEN_URL(false),
        PARTNERBOT_MANAGERS(false), PARTNERBOT_TIP_GRACE_HOURS(false), PARTNERBOT_SHUTDOWN_SECONDS(false),
        PARTNERBOT_ENCRYPTION_KEY(true), PARTNERBOT_ENCRYPTION_KEY_PREVIOUS(true),
        PARTNERBOT_LLM_PROVIDER(false), PARTNERBOT_LLM_URL(false), PARTNERBOT_LLM_MODEL(false), PARTNERBOT_LLM_API_KEY(true),
        PARTNERBOT_LLM_SEND_TEXT(false), PARTNERBOT_LLM_TIMEOUT_MS(false);

        private final boolean secret;

        Key(boolean secret) {
            this.secret = secret;
        }

        public boolean secret() {
            return secret;
        }
    }

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@-]+");
    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_.-]*(:[a-z0-9_.-]+)*");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9.-]+");

    private SettingsLoader() {
    }

    /** Loads from the process environment and the YAML file it names (or ./partnerbot.yaml). */
    public static Settings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Optional<Path> file = Optional.ofNullable(env.get(CONFIG_FILE_VARIABLE))
                .filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> Files.isRegularFile(DEFAULT_CONFIG_FILE) ? Optional.of(DEFAULT_CONFIG_FILE) : Optional.empty());
        return load(env, file);
    }

    public static Settings load(Map<String, String> environment, Optional<Path> yamlFile) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        yamlFile.ifPresent(path -> readYaml(path, values, problems));
        for (Key key : Key.values()) {
            String v = environment.get(key.name());
            if (v != null) {
                values.put(key.name(), v);
            }
        }
        Reader r = new Reader(values, problems);

        int port = r.integer(Key.PORT, 3000, 1, 65535);
        Settings.Database database = new Settings.Database(
                r.databaseUrl(), r.text(Key.DATABASE_USER), r.secret(Key.DATABASE_PASSWORD),
                r.encryptionKey(Key.PARTNERBOT_ENCRYPTION_KEY), r.encryptionKey(Key.PARTNERBOT_ENCRYPTION_KEY_PREVIOUS));

        Optional<Secret> botToken = r.token(Key.SLACK_BOT_TOKEN, "xoxb-", "a bot token starting with xoxb-");
        Optional<Secret> appToken = r.token(Key.SLACK_APP_TOKEN, "xapp-", "an app-level token starting with xapp-");
        Settings.Slack slack = new Settings.Slack(botToken, r.secret(Key.SLACK_SIGNING_SECRET), appToken,
                r.text(Key.SLACK_CLIENT_ID), r.secret(Key.SLACK_CLIENT_SECRET),
                r.url(Key.SLACK_API_URL, URI.create("https://slack.com/api/")),
                r.scopes(Key.SLACK_SCOPES), r.optionalUrl(Key.PARTNERBOT_PUBLIC_URL),
                r.url(Key.SLACK_AUTHORIZE_URL, Settings.Slack.SLACK_AUTHORIZE_URL));

        Optional<String> tenant = r.text(Key.MICROSOFT_APP_TENANT_ID);
        tenant.filter(t -> !TENANT.matcher(t).matches()).ifPresent(t -> problems.add(
                "MICROSOFT_APP_TENANT_ID: expected a tenant id (GUID) or domain name"));
        Settings.Teams teams = new Settings.Teams(r.text(Key.MICROSOFT_APP_ID), r.secret(Key.MICROSOFT_APP_PASSWORD),
                tenant,
                r.url(Key.BOTFRAMEWORK_OPENID_METADATA_URL, Settings.Teams.PUBLIC_OPENID_METADATA),
                r.url(Key.BOTFRAMEWORK_TOKEN_URL, Settings.Teams.defaultTokenUrl(tenant)));

        Set<String> managers = r.managers();
        Duration grace = Duration.ofHours(r.integer(Key.PARTNERBOT_TIP_GRACE_HOURS, 6, 0, 168));
        Duration shutdown = Duration.ofSeconds(r.integer(Key.PARTNERBOT_SHUTDOWN_SECONDS, 20, 1, 600));

        Settings.Llm llm = r.llm();

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(port, database, slack, teams, managers, grace, shutdown, llm);
    }

    private static void readYaml(Path path, Map<String, String> values, List<String> problems) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            problems.add(path + ": cannot be read as YAML (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.add(path + ": expected a mapping of KEY: value");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            Optional<Key> key = known(name);
            if (key.isEmpty()) {
                problems.add(name + ": unknown key in " + path + " (known keys: " + knownKeys() + ")");
            } else if (!field.getValue().isValueNode()) {
                problems.add(name + ": expected a single value in " + path);
            } else if (!field.getValue().isNull()) {
                values.put(name, field.getValue().asText());
            }
        }
    }

    private static Optional<Key> known(String name) {
        for (Key k : Key.values()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static String knownKeys() {
        StringBuilder sb = new StringBuilder();
        for (Key k : Key.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.name());
        }
        return sb.toString();
    }

    /** Reads single values, adding a problem (never the secret value) when one is wrong. */
    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems;

        Reader(Map<String, String> values, List<String> problems) {
            this.values = values;
            this.problems = problems;
        }

        Optional<String> text(Key key) {
            return Optional.ofNullable(values.get(key.name())).map(String::trim).filter(s -> !s.isEmpty());
        }

        Settings.Llm llm() {
            String provider = text(Key.PARTNERBOT_LLM_PROVIDER).orElse("off").toLowerCase(java.util.Locale.ROOT);
            if (!Settings.Llm.PROVIDERS.contains(provider)) {
                problems.add("PARTNERBOT_LLM_PROVIDER: expected one of " + String.join(", ", Settings.Llm.PROVIDERS));
                provider = "off";
            }
            Optional<URI> url = optionalUrl(Key.PARTNERBOT_LLM_URL);
            Optional<String> model = text(Key.PARTNERBOT_LLM_MODEL);
            Optional<Secret> key = secret(Key.PARTNERBOT_LLM_API_KEY);
            String consent = text(Key.PARTNERBOT_LLM_SEND_TEXT).orElse("false").toLowerCase(java.util.Locale.ROOT);
            if (!consent.equals("true") && !consent.equals("false")) {
                problems.add("PARTNERBOT_LLM_SEND_TEXT: expected true or false");
            }
            Duration timeout = Duration.ofMillis(integer(Key.PARTNERBOT_LLM_TIMEOUT_MS, 8000, 100, 120_000));
            if (!provider.equals("off")) {
                if (model.isEmpty()) {
                    problems.add("PARTNERBOT_LLM_MODEL: required with PARTNERBOT_LLM_PROVIDER=" + provider
                            + (provider.equals("azure") ? " (the deployment name)"
                            : provider.equals("ollama") ? " (e.g. llama3.1:8b)" : " (e.g. gpt-4o-mini)"));
                }
                if (provider.equals("azure") && url.isEmpty()) {
                    problems.add("PARTNERBOT_LLM_URL: required with PARTNERBOT_LLM_PROVIDER=azure (https://RESOURCE.openai.azure.com)");
                }
                if ((provider.equals("openai") || provider.equals("azure")) && key.isEmpty()) {
                    problems.add("PARTNERBOT_LLM_API_KEY: required with PARTNERBOT_LLM_PROVIDER=" + provider);
                }
            }
            URI defaultUrl = provider.equals("ollama") ? URI.create("http://localhost:11434") : URI.create("https://api.openai.com/v1");
            return new Settings.Llm(provider, provider.equals("off") ? url : Optional.of(url.orElse(defaultUrl)), model, key,
                    consent.equals("true"), timeout);
        }

        /** 32 bytes, base64 (standard or URL-safe alphabet). */
        Optional<Secret> encryptionKey(Key key) {
            Optional<Secret> value = secret(key);
            if (value.isPresent()) {
                byte[] bytes;
                try {
                    String v = value.get().reveal().strip();
                    bytes = v.contains("-") || v.contains("_") ? java.util.Base64.getUrlDecoder().decode(v)
                            : java.util.Base64.getDecoder().decode(v);
                } catch (IllegalArgumentException e) {
                    bytes = new byte[0];
                }
                if (bytes.length != 32) {
                    problems.add(key.name() + ": expected 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`");
                    return Optional.empty();
                }
            }
            return value;
        }

        Optional<Secret> secret(Key key) {
            return text(key).map(Secret::of);
        }

        Optional<Secret> token(Key key, String prefix, String expected) {
            Optional<String> v = text(key);
            if (v.isPresent() && !v.get().startsWith(prefix)) {
                problems.add(key.name() + ": expected " + expected);
                return Optional.empty();
            }
            return v.map(Secret::of);
        }

        int integer(Key key, int fallback, int min, int max) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(key.name() + ": expected an integer between " + min + " and " + max + ", got '" + shown(key, v.get()) + "'");
            return fallback;
        }

        URI url(Key key, URI fallback) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                URI uri = new URI(v.get());
                if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException ignored) {
                // reported below
            }
            problems.add(key.name() + ": expected an absolute http(s) URL, got '" + shown(key, v.get()) + "'");
            return fallback;
        }

        Optional<URI> optionalUrl(Key key) {
            return text(key).isEmpty() ? Optional.empty() : Optional.ofNullable(url(key, null));
        }

        /** Comma-separated OAuth scopes such as {@code chat:write,commands}. */
        List<String> scopes(Key key) {
            List<String> scopes = new ArrayList<>();
            for (String part : text(key).orElse("").split(",")) {
                String scope = part.trim();
                if (scope.isEmpty()) {
                    continue;
                }
                if (SCOPE.matcher(scope).matches()) {
                    scopes.add(scope);
                } else {
                    problems.add(key.name() + ": expected comma-separated OAuth scopes such as chat:write,commands, got '"
                            + scope + "'");
                }
            }
            return List.copyOf(scopes);
        }

        String databaseUrl() {
            String url = text(Key.DATABASE_URL).orElse(Settings.DEFAULT_DATABASE_URL);
            if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
                problems.add("DATABASE_URL: expected a JDBC URL starting with jdbc:h2: or jdbc:postgresql:");
            }
            return url;
        }

        Set<String> managers() {
            Set<String> ids = new LinkedHashSet<>();
            for (String part : text(Key.PARTNERBOT_MANAGERS).orElse("").split(",")) {
                String id = part.trim();
                if (id.isEmpty()) {
                    continue;
                }
                if (USER_ID.matcher(id).matches()) {
                    ids.add(id);
                } else {
                    problems.add("PARTNERBOT_MANAGERS: expected comma-separated user ids (Slack U..., Teams AAD object ids), got '" + id + "'");
                }
            }
            return Set.copyOf(ids);
        }

        private static String shown(Key key, String value) {
            return key.secret() ? "****" : value;
        }
    }
}
