package dev.partnerbot.teams.inbound;

import com.fasterxml.jackson.core.JacksonException;
import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.schema.Activity;
import dev.partnerbot.teams.connector.TeamsBotAdapter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: the Bot Framework endpoint. Reads the activity, authenticates the
 * request's bearer token against it (401, nothing processed, when that fails), runs the turn, and
 * answers with the invoke response or 200.
 */
public final class MessagesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MessagesServlet.class);
    /** Teams activities are a few kilobytes; Bot Framework caps message size at about 256 KB. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    private final transient TeamsBotAdapter adapter;
    private final transient Bot bot;
    private final transient ActivityJson json;

    public MessagesServlet(TeamsBotAdapter adapter, Bot bot, ActivityJson json) {
        this.adapter = adapter;
        this.bot = bot;
        this.json = json;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String authHeader = request.getHeader("Authorization");
        if (authHeader == null || authHeader.isBlank()) {
            reject(response, 401, "missing Authorization header");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            reject(response, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        Activity activity;
        try {
            activity = json.read(body);
        } catch (JacksonException | IllegalArgumentException e) {
            reject(response, 400, "body is not a Bot Framework activity (" + e.getClass().getSimpleName() + ")");
            return;
        }
        String problem = problemWith(activity);
        if (problem != null) {
            reject(response, 400, problem);
            return;
        }

        ClaimsIdentity identity;
        try {
            identity = adapter.authenticate(authHeader, activity).join();
        } catch (CompletionException | IllegalArgumentException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            reject(response, 401, "token rejected: " + cause.getClass().getSimpleName());
            return;
        }

        InvokeResponse invokeResponse;
        try {
            invokeResponse = adapter.processActivity(identity, activity, bot::onTurn).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) {
                reject(response, 400, "activity cannot be processed: " + cause.getClass().getSimpleName());
            } else {
                LOG.error("turn failed: type={} id={} error={}", activity.getType(), activity.getId(),
                        cause.getClass().getName());
                response.setStatus(500);
            }
            return;
        }
        if (invokeResponse == null) {
            response.setStatus(200);
        } else if (invokeResponse.getStatus() == 501) {
            // The SDK answers invokes the bot does not handle (a name PartnerBot's manifest never asks
            // Teams for) with 501: a request we cannot serve, not a server failure.
            reject(response, 400, "invoke " + loggableName(activity.getName()) + " is not supported");
        } else {
            response.setStatus(invokeResponse.getStatus());
            if (invokeResponse.getBody() != null) {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getOutputStream().write(json.write(invokeResponse.getBody()).getBytes(StandardCharsets.UTF_8));
            }
        }
        LOG.debug("activity type={} id={} handled in {} ms", activity.getType(), activity.getId(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * What authentication and routing rely on. Without {@code serviceUrl} the SDK would skip the
     * {@code serviceurl} claim check, so a request without one is refused before authentication.
     */
    private static String problemWith(Activity activity) {
        if (activity == null) {
            return "body is not an activity";
        }
        if (activity.getType() == null || activity.getType().isBlank()) {
            return "activity has no type";
        }
        if (activity.getChannelId() == null || activity.getChannelId().isBlank()) {
            return "activity has no channelId";
        }
        String serviceUrl = activity.getServiceUrl();
        if (serviceUrl == null || HttpUrl.parse(serviceUrl) == null) {
            return "activity has no valid serviceUrl";
        }
        if (activity.getConversation() == null || activity.getConversation().getId() == null) {
            return "activity has no conversation";
        }
        if ("invoke".equals(activity.getType()) && (activity.getName() == null || activity.getName().isBlank())) {
            return "invoke activity has no name";
        }
        return null;
    }

    /** An invoke name as sent, cut short and without characters that could forge log lines. */
    private static String loggableName(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9/._-]", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private static void reject(HttpServletResponse response, int status, String reason) {
        LOG.info("rejected Bot Framework request: {} {}", status, reason);
        response.setStatus(status);
    }
}
