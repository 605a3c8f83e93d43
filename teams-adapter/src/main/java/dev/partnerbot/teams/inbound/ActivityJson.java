package dev.partnerbot.teams.inbound;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import com.microsoft.bot.schema.Activity;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Reads and writes Bot Framework JSON with the SDK's own Jackson configuration (the one its
 * connector client uses on the wire), plus a fix for activity timestamps.
 */
public final class ActivityJson {
    private final ObjectMapper mapper = new JacksonAdapter().serializer().copy()
            .addMixIn(Activity.class, TimestampFix.class);

    /**
     * The SDK declares {@code timestamp} with the pattern {@code yyyy-MM-dd'T'HH:mm:ss.nXXX}: a time
     * without fractional seconds fails to parse, and fractions are read as nanoseconds. The mix-in
     * replaces that format with plain ISO-8601.
     */
    abstract static class TimestampFix {
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        private OffsetDateTime timestamp;
    }

    /** An activity from a request body; {@code null} when the body is JSON {@code null}. */
    public Activity read(byte[] body) throws IOException {
        return mapper.readValue(body, Activity.class);
    }

    public <T> T read(String json, Class<T> type) throws IOException {
        return mapper.readValue(json, type);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
