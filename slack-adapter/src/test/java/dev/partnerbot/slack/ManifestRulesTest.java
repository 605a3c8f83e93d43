package dev.partnerbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slack's documented rules for an app manifest, checked on {@code slack/manifest.yml} with nothing
 * outside the repository. Source of every limit: Slack's app manifest reference
 * (https://docs.slack.dev/reference/app-manifest, fields of {@code display_information},
 * {@code features.bot_user}, {@code features.slash_commands}, {@code features.shortcuts},
 * {@code oauth_config.scopes}, {@code settings}); the same limits appear in Slack's published
 * manifest JSON Schema, which {@link ManifestTest} applies when it is present.
 */
class ManifestRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern HEX_COLOUR = Pattern.compile("^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$");
    private static final Pattern HTTP_URL = Pattern.compile("^https?://.+");

    private static JsonNode manifest;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("slack/manifest.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("slack/manifest.yml in the working directory or a parent").isNotNull();
        manifest = YAML.readTree(dir.resolve("slack/manifest.yml").toFile());
    }

    /** Every documented rule the manifest breaks, as "field: problem" lines; empty when it follows them all. */
    static List<String> violations(JsonNode m) {
        List<String> out = new ArrayList<>();
        JsonNode display = m.path("display_information");
        if (!display.isObject()) {
            out.add("display_information: required");
        }
        length(out, "display_information.name", display.path("name"), 1, 35, true);
        length(out, "display_information.description", display.path("description"), 1, 140, false);
        length(out, "display_information.long_description", display.path("long_description"), 175, 4000, false);
        JsonNode colour = display.path("background_color");
        if (!colour.isMissingNode() && !HEX_COLOUR.matcher(colour.asText()).matches()) {
            out.add("display_information.background_color: must be a hex colour such as #2c3e50");
        }
        int major = m.path("_metadata").path("major_version").asInt(1);
        if (major != 1 && major != 2) {
            out.add("_metadata.major_version: must be 1 or 2");
        }

        JsonNode features = m.path("features");
        JsonNode bot = features.path("bot_user");
        if (!bot.isMissingNode()) {
            length(out, "features.bot_user.display_name", bot.path("display_name"), 1, 80, true);
        }
        JsonNode commands = features.path("slash_commands");
        if (!commands.isMissingNode()) {
            items(out, "features.slash_commands", commands, 1, 50);
            for (JsonNode c : commands) {
                String at = "features.slash_commands[" + c.path("command").asText() + "]";
                length(out, at + ".command", c.path("command"), 2, 32, true);
                if (!c.path("command").asText().startsWith("/")) {
                    out.add(at + ".command: must start with /");
                }
                length(out, at + ".description", c.path("description"), 1, 2000, true);
                length(out, at + ".usage_hint", c.path("usage_hint"), 1, 1000, false);
                url(out, at + ".url", c.path("url"), 3000);
            }
        }
        JsonNode shortcuts = features.path("shortcuts");
        if (!shortcuts.isMissingNode()) {
            items(out, "features.shortcuts", shortcuts, 1, 10);
            for (JsonNode s : shortcuts) {
                String at = "features.shortcuts[" + s.path("callback_id").asText() + "]";
                length(out, at + ".name", s.path("name"), 1, 24, true);
                length(out, at + ".callback_id", s.path("callback_id"), 1, 255, true);
                length(out, at + ".description", s.path("description"), 1, 150, true);
                if (!Set.of("message", "global").contains(s.path("type").asText())) {
                    out.add(at + ".type: must be message or global");
                }
            }
        }

        JsonNode botScopes = m.path("oauth_config").path("scopes").path("bot");
        if (!botScopes.isMissingNode()) {
            items(out, "oauth_config.scopes.bot", botScopes, 0, 255);
            botScopes.forEach(s -> length(out, "oauth_config.scopes.bot[" + s.asText() + "]", s, 1, 50, true));
        }
        JsonNode events = m.path("settings").path("event_subscriptions");
        url(out, "settings.event_subscriptions.request_url", events.path("request_url"), 3500);
        if (!events.path("bot_events").isMissingNode()) {
            items(out, "settings.event_subscriptions.bot_events", events.path("bot_events"), 0, 100);
        }
        JsonNode interactivity = m.path("settings").path("interactivity");
        if (!interactivity.isMissingNode()) {
            if (!interactivity.path("is_enabled").isBoolean()) {
                out.add("settings.interactivity.is_enabled: required, true or false");
            }
            url(out, "settings.interactivity.request_url", interactivity.path("request_url"), 3500);
        }
        return out;
    }

    private static void length(List<String> out, String field, JsonNode value, int min, int max, boolean required) {
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                out.add(field + ": required");
            }
            return;
        }
        int n = value.asText().codePointCount(0, value.asText().length());
        if (n < min || n > max) {
            out.add(field + ": " + n + " characters, must be " + min + " to " + max);
        }
    }

    private static void items(List<String> out, String field, JsonNode array, int min, int max) {
        if (!array.isArray() || array.size() < min || array.size() > max) {
            out.add(field + ": must be a list of " + min + " to " + max + " items");
        }
    }

    private static void url(List<String> out, String field, JsonNode value, int max) {
        if (value.isMissingNode()) {
            return;
        }
        if (!HTTP_URL.matcher(value.asText()).matches() || value.asText().length() > max) {
            out.add(field + ": must be an http(s) URL of at most " + max + " characters");
        }
    }

    @Test
    void theManifestFollowsSlacksDocumentedRules() {
        assertThat(violations(manifest)).isEmpty();
        assertThat(manifest.path("_metadata").path("major_version").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingAppNameIsReported() {
        ObjectNode broken = manifest.deepCopy();
        ((ObjectNode) broken.path("display_information")).remove("name");

        assertThat(violations(broken)).containsExactly("display_information.name: required");
    }

    @Test
    void namesAndDescriptionsOverTheirLimitsAreReported() {
        ObjectNode broken = manifest.deepCopy();
        ObjectNode display = (ObjectNode) broken.path("display_information");
        display.put("name", "P".repeat(36));
        display.put("description", "d".repeat(141));
        display.put("long_description", "too short");
        ((ObjectNode) broken.path("features").path("bot_user")).put("display_name", "b".repeat(81));

        assertThat(violations(broken)).containsExactlyInAnyOrder(
                "display_information.name: 36 characters, must be 1 to 35",
                "display_information.description: 141 characters, must be 1 to 140",
                "display_information.long_description: 9 characters, must be 175 to 4000",
                "features.bot_user.display_name: 81 characters, must be 1 to 80");
    }

    @Test
    void aBackgroundColourThatIsNotHexIsReported() {
        ObjectNode broken = manifest.deepCopy();
        ((ObjectNode) broken.path("display_information")).put("background_color", "navy");

        assertThat(violations(broken)).containsExactly(
                "display_information.background_color: must be a hex colour such as #2c3e50");
    }

    @Test
    void slashCommandsMustStartWithASlashAndFitThirtyTwoCharacters() {
        ObjectNode broken = manifest.deepCopy();
        ObjectNode first = (ObjectNode) broken.path("features").path("slash_commands").get(0);
        first.put("command", "partner-" + "x".repeat(30));

        assertThat(violations(broken)).anyMatch(v -> v.endsWith(".command: 38 characters, must be 2 to 32"))
                .anyMatch(v -> v.endsWith(".command: must start with /"));
    }

    @Test
    void shortcutLimitsAreReported() {
        ObjectNode broken = manifest.deepCopy();
        ObjectNode shortcut = (ObjectNode) broken.path("features").path("shortcuts").get(0);
        shortcut.put("name", "Suggest a partner-like reply");
        shortcut.put("description", "x".repeat(151));
        shortcut.put("type", "channel");

        assertThat(violations(broken)).containsExactlyInAnyOrder(
                "features.shortcuts[suggest_partner_reply].name: 28 characters, must be 1 to 24",
                "features.shortcuts[suggest_partner_reply].description: 151 characters, must be 1 to 150",
                "features.shortcuts[suggest_partner_reply].type: must be message or global");
    }

    @Test
    void moreThanTenShortcutsAreReported() {
        ObjectNode broken = manifest.deepCopy();
        ArrayNode shortcuts = (ArrayNode) broken.path("features").path("shortcuts");
        JsonNode one = shortcuts.get(0);
        for (int i = 0; i < 10; i++) {
            shortcuts.add(one.deepCopy());
        }

        assertThat(violations(broken)).contains("features.shortcuts: must be a list of 1 to 10 items");
    }

    @Test
    void requestUrlsMustBeHttpUrls() {
        ObjectNode broken = manifest.deepCopy();
        ((ObjectNode) broken.path("settings").path("event_subscriptions")).put("request_url", "partnerbot.example.com/slack/events");

        assertThat(violations(broken)).containsExactly(
                "settings.event_subscriptions.request_url: must be an http(s) URL of at most 3500 characters");
    }
}
