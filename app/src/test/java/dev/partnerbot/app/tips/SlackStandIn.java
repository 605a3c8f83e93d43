package dev.partnerbot.app.tips;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.partnerbot.slack.tips.SlackTipMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * WireMock standing in for Slack's Web API: {@code chat.postMessage} keeps the messages it accepts
 * (with their metadata) per channel, {@code conversations.history} returns them, and a fault plan
 * decides per post whether to answer 429, 500 without posting, or 500 after posting (the answer
 * lost on the way back, as after a crash or time-out).
 */
final class SlackStandIn implements AutoCloseable {
    enum Fault { NONE, RATE_LIMITED, ERROR_NOT_POSTED, ERROR_AFTER_POSTING, NOT_IN_CHANNEL }

    /** One accepted post. */
    record Post(String channel, String scheduleId, String week, String ts, String blocks) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Map<String, Queue<Post>> channels = new ConcurrentHashMap<>();
    private final Queue<Post> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    private volatile LongFunction<Fault> faults = n -> Fault.NONE;

    SlackStandIn() {
        server = new WireMockServer(options().dynamicPort().containerThreads(64).jettyAcceptors(2)
                .disableRequestJournal().extensions(new Api()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    URI apiUrl() {
        return URI.create("http://localhost:" + server.port() + "/api/");
    }

    /** Decides the fault for the n-th post (0-based, counted over all channels). */
    void faults(LongFunction<Fault> plan) {
        this.faults = plan;
    }

    List<Post> accepted() {
        return List.copyOf(accepted);
    }

    long postRequests() {
        return posts.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "slack-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = URI.create(event.getRequest().getUrl()).getPath();
            Map<String, String> form = form(event.getRequest().getBodyAsString());
            try {
                if (path.endsWith("/chat.postMessage")) {
                    return postMessage(form);
                }
                if (path.endsWith("/conversations.history")) {
                    return history(form);
                }
                if (path.endsWith("/conversations.info")) {
                    // Workspace-internal channels, except those named SHARED* (Slack Connect with a client).
                    boolean shared = form.getOrDefault("channel", "").startsWith("SHARED");
                    return json(200, "{\"ok\":true,\"channel\":{\"id\":\"" + form.get("channel") + "\",\"is_channel\":true,"
                            + "\"is_shared\":" + shared + ",\"is_ext_shared\":" + shared + "}}");
                }
            } catch (Exception e) {
                return json(400, "{\"ok\":false,\"error\":\"invalid_arguments\"}");
            }
            return json(200, "{\"ok\":false,\"error\":\"unknown_method\"}");
        }

        private ResponseDefinition postMessage(Map<String, String> form) throws Exception {
            Fault fault = faults.apply(posts.getAndIncrement());
            switch (fault) {
                case RATE_LIMITED:
                    return aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
                case ERROR_NOT_POSTED:
                    return json(500, "{\"ok\":false,\"error\":\"internal_error\"}");
                case NOT_IN_CHANNEL:
                    return json(200, "{\"ok\":false,\"error\":\"not_in_channel\"}");
                default:
                    break;
            }
            String channel = form.get("channel");
            JsonNode metadata = form.containsKey("metadata") ? JSON.readTree(form.get("metadata")) : null;
            String stamp = String.valueOf(ts.incrementAndGet());
            stamp = stamp.substring(0, 10) + "." + stamp.substring(10);
            Post post = new Post(channel,
                    metadata == null ? null : metadata.path("event_payload").path("schedule_id").asText(null),
                    metadata == null ? null : metadata.path("event_payload").path("week").asText(null),
                    stamp, form.get("blocks"));
            if (metadata != null) {
                channels.computeIfAbsent(channel, c -> new ConcurrentLinkedQueue<>()).add(post);
                accepted.add(post);
            }
            if (fault == Fault.ERROR_AFTER_POSTING) {
                return json(500, "{\"ok\":false,\"error\":\"internal_error\"}");
            }
            return json(200, "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + stamp + "\"}");
        }

        private ResponseDefinition history(Map<String, String> form) {
            ObjectNode body = JSON.createObjectNode().put("ok", true).put("has_more", false);
            ArrayNode messages = body.putArray("messages");
            for (Post p : channels.getOrDefault(form.get("channel"), new ConcurrentLinkedQueue<>())) {
                ObjectNode m = messages.addObject().put("type", "message").put("ts", p.ts());
                if (Set.of("1", "true").contains(form.get("include_all_metadata"))) {
                    ObjectNode md = m.putObject("metadata").put("event_type", SlackTipMessage.EVENT_TYPE);
                    md.putObject("event_payload").put("schedule_id", p.scheduleId()).put("week", p.week());
                }
            }
            return json(200, body.toString());
        }

        private ResponseDefinition json(int status, String body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
