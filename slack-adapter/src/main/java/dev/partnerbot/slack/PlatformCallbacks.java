package dev.partnerbot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed requests Slack sends to the Request URL that carry no user interaction and that Bolt has no
 * listener for (Slack's Events API reference: "app_rate_limited" is sent when a workspace's event
 * deliveries exceed 30,000 an hour, and expects an HTTP 200 like every delivery; an app that fails too
 * many deliveries has its subscription disabled). Answered here, after the signature check and before
 * Bolt parses the body; everything else goes on to Bolt.
 */
final class PlatformCallbacks {
    private static final Logger log = LoggerFactory.getLogger(PlatformCallbacks.class);

    private PlatformCallbacks() {
    }

    /** The response body for a platform callback, or null when the request is not one. */
    static String answer(byte[] body, String contentType) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return null;
        }
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                return null;
            }
            JsonObject json = parsed.getAsJsonObject();
            String type = json.has("type") && json.get("type").isJsonPrimitive() ? json.get("type").getAsString() : "";
            if ("app_rate_limited".equals(type)) {
                log.warn("Slack rate-limited event deliveries for team {} (minute {}): some events will not arrive",
                        text(json, "team_id"), text(json, "minute_rate_limited"));
                return "{}";
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonObject json, String key) {
        JsonElement e = json.get(key);
        return e == null || !e.isJsonPrimitive() ? "?" : e.getAsString();
    }
}
