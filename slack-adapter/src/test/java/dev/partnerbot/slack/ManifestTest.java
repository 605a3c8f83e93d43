package dev.partnerbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code slack/manifest.yml} against what the adapter actually registers and, where it is present,
 * against Slack's published app manifest JSON Schema kept beside the repository in
 * {@code ../shared/schemas/slack-app-manifest/}. {@code .ci/run} has it there and sets
 * {@value #REQUIRE_SCHEMAS}; a plain clone skips the schema checks with a notice, and
 * {@link ManifestRulesTest} checks Slack's documented limits without the schema.
 */
class ManifestTest {
    private static final String SCHEMA_DIR = "shared/schemas/slack-app-manifest";
    private static final String SCHEMA_FILE = "manifest.schema.2.0.0.json";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode manifest;
    private static JsonSchema schema;

    /** Set (to anything) by {@code .ci/run} when it has found the schemas: a missing schema is then an error, not a skip. */
    static final String REQUIRE_SCHEMAS = "PARTNERBOT_REQUIRE_SCHEMAS";

    @BeforeAll
    static void load() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path repo = ancestorHolding(cwd, "slack/manifest.yml");
        if (repo == null) {
            throw new AssertionError("slack/manifest.yml not found in " + cwd + " or any parent directory");
        }
        manifest = YAML.readTree(repo.resolve("slack/manifest.yml").toFile());
        Path schemas = ancestorHolding(cwd, SCHEMA_DIR + "/" + SCHEMA_FILE);
        if (schemas == null) {
            String where = "Slack's published manifest JSON Schema (" + SCHEMA_DIR + "/" + SCHEMA_FILE
                    + ") was not found beside the repository or in a parent of " + cwd;
            if (System.getenv(REQUIRE_SCHEMAS) != null) {
                throw new AssertionError(where + ", but " + REQUIRE_SCHEMAS + " says it must be there");
            }
            // A plain clone has no schema beside it: the checks that need it are skipped, visibly;
            // ManifestRulesTest still checks Slack's documented limits.
            System.err.println("NOTICE: " + where + "; skipping the schema checks (ManifestRulesTest still runs).");
            return;
        }
        JsonNode schemaJson = new ObjectMapper().readTree(schemas.resolve(SCHEMA_DIR).resolve(SCHEMA_FILE).toFile());
        standardise(schemaJson);
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaJson);
    }

    private static void assumeSchema() {
        Assumptions.assumeTrue(schema != null,
                "Slack's manifest JSON Schema is not beside the repository (../shared/schemas/slack-app-manifest/)");
    }

    /**
     * Slack's schema writes one constraint (background_color) with a non-standard {@code regex}
     * keyword, which a draft-07 validator would ignore; Slack enforces it, so it is read as {@code pattern}.
     * Its {@code _note} remarks are dropped.
     */
    private static void standardise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("regex") && !object.has("pattern")) {
                object.set("pattern", object.remove("regex"));
            }
            object.remove("_note");
        }
        node.forEach(ManifestTest::standardise);
    }

    private static Path ancestorHolding(Path start, String relative) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir;
            }
        }
        return null;
    }

    @Test
    void manifestValidatesAgainstSlacksPublishedSchema() {
        assumeSchema();
        Set<ValidationMessage> problems = schema.validate(manifest);

        assertThat(problems).as("schema violations in slack/manifest.yml").isEmpty();
        assertThat(manifest.path("_metadata").path("major_version").asInt()).isEqualTo(2);
    }

    @Test
    void schemaCatchesAShortcutNameOverSlacksLimit() {
        assumeSchema();
        ObjectNode tooLong = manifest.deepCopy();
        ((ObjectNode) tooLong.path("features").path("shortcuts").get(0)).put("name", "Suggest a partner-like reply");

        assertThat(schema.validate(tooLong)).isNotEmpty();
    }

    @Test
    void schemaCatchesABackgroundColourThatIsNotAHexColour() {
        assumeSchema();
        ObjectNode wrong = manifest.deepCopy();
        ((ObjectNode) wrong.path("display_information")).put("background_color", "navy");

        assertThat(schema.validate(wrong)).isNotEmpty();
    }

    @Test
    void everyCommandShortcutAndEventTheAdapterRegistersIsInTheManifest() throws Exception {
        Set<String> commands = texts(manifest.path("features").path("slash_commands"), "command");
        Set<String> shortcuts = texts(manifest.path("features").path("shortcuts"), "callback_id");
        Set<String> events = new HashSet<>();
        manifest.path("settings").path("event_subscriptions").path("bot_events").forEach(e -> events.add(e.asText()));

        for (SlackAdapter.Registrations r : registrationsInBothModes()) {
            assertThat(commands).containsAll(r.commands());
            assertThat(shortcuts).containsAll(r.messageShortcutCallbackIds());
            for (String event : r.events()) {
                switch (event) {
                    // message events are subscribed per conversation kind: message.im, message.channels, ...
                    case "message" -> assertThat(events).anyMatch(e -> e.startsWith("message."));
                    // delivered to every app with the Events API on; there is nothing to subscribe to
                    case "app_uninstalled", "tokens_revoked" -> { }
                    default -> assertThat(events).as("bot_events").contains(event);
                }
            }
        }
        assertThat(manifest.path("features").path("app_home").path("home_tab_enabled").asBoolean()).isTrue();
        assertThat(manifest.path("features").path("app_home").path("messages_tab_enabled").asBoolean()).isTrue();
    }

    @Test
    void defaultOAuthScopesAreTheManifestsBotScopes() {
        List<String> scopes = new ArrayList<>();
        manifest.path("oauth_config").path("scopes").path("bot").forEach(s -> scopes.add(s.asText()));

        assertThat(SlackAdapter.DEFAULT_BOT_SCOPES).containsExactlyInAnyOrderElementsOf(scopes);
    }

    private static Set<String> texts(JsonNode array, String field) {
        Set<String> out = new HashSet<>();
        StreamSupport.stream(array.spliterator(), false).forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static List<SlackAdapter.Registrations> registrationsInBothModes() throws Exception {
        URI api = URI.create("http://127.0.0.1:1/api/");
        Settings.Slack single = new Settings.Slack(Optional.of(Secret.of(SlackHarness.BOT_TOKEN)),
                Optional.of(Secret.of(SlackHarness.SECRET)), Optional.empty(), Optional.empty(), Optional.empty(), api);
        Settings.Slack distributed = new Settings.Slack(Optional.empty(), Optional.of(Secret.of(SlackHarness.SECRET)),
                Optional.empty(), Optional.of("1.2"), Optional.of(Secret.of("cs")), api);
        List<SlackAdapter.Registrations> out = new ArrayList<>();
        try (SlackAdapter a = SlackAdapter.builder(single, SlackHarness.testCoach(), (p, b, pr, h) -> { }).build();
             SlackAdapter b = SlackAdapter.builder(distributed, SlackHarness.testCoach(), (p, be, pr, h) -> { })
                     .installations(new MemoryInstallations()).build()) {
            out.add(a.registrations());
            out.add(b.registrations());
        }
        assertThat(out.get(1).events()).contains("app_uninstalled", "tokens_revoked");
        return out;
    }
}
