package dev.partnerbot.slack.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack delivers events at least once and retries up to three times over about six minutes
 * ({@code X-Slack-Retry-Num}). An event whose {@code event_id} was already received is
 * acknowledged and goes no further, so nobody is answered twice. Memory is bounded.
 */
public final class EventDeduplication implements Middleware {
    /** Well above Slack's last retry (about 5 minutes after the first delivery). */
    public static final Duration REMEMBER_FOR = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(EventDeduplication.class);

    private final Cache<String, Boolean> seen;

    public EventDeduplication(long maximumSize) {
        this.seen = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(REMEMBER_FOR).build();
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware interface declares a raw Request
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() != RequestType.Event) {
            return chain.next(req);
        }
        String eventId = eventId(req.getRequestBodyAsString());
        if (eventId != null && seen.asMap().putIfAbsent(eventId, Boolean.TRUE) != null) {
            log.info("acknowledged a repeated Slack event {} (retry {}, {})", eventId,
                    req.getHeaders().getFirstValue("X-Slack-Retry-Num"), req.getHeaders().getFirstValue("X-Slack-Retry-Reason"));
            return req.getContext().ack();
        }
        return chain.next(req);
    }

    private static String eventId(String body) {
        try {
            JsonElement id = JsonParser.parseString(body).getAsJsonObject().get("event_id");
            return id == null || id.isJsonNull() ? null : id.getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
