package dev.partnerbot.slack.webapi;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Web API and {@code response_url} calls with Slack's retry rules: a 429 is retried after its
 * {@code Retry-After}, a 5xx with a growing backoff, up to {@link #MAX_ATTEMPTS} attempts in all.
 * Other failures are logged with the method and Slack's error code (never the payload) and given up.
 * A call that got no answer at all (connection refused, timeout) is retried only when the caller
 * says it is safe, because a {@code chat.postMessage} may have been delivered anyway.
 */
public final class WebApi {
    public static final int MAX_ATTEMPTS = 3;
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(WebApi.class);

    private final Pause pause;

    public WebApi(Pause pause) {
        this.pause = pause;
    }

    /** One Web API method call. */
    @FunctionalInterface
    public interface MethodCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    /** One {@code response_url} call. */
    @FunctionalInterface
    public interface ResponseUrlCall {
        WebhookResponse call() throws IOException;
    }

    /** Whether a call may be repeated when no response came back. */
    public enum Repeat { SAFE, UNSAFE }

    /** Calls a Web API method; empty when it finally failed (already logged). */
    public <T extends SlackApiTextResponse> Optional<T> call(String method, Repeat repeat, MethodCall<T> call) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS;
            try {
                T response = call.call();
                if (response.isOk()) {
                    return Optional.of(response);
                }
                log.warn("Slack {} failed: {}", method, response.getError());
                return Optional.empty();
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                String error = e.getError() == null ? "" : e.getError().getError();
                if (last || !(status == 429 || status >= 500)) {
                    log.warn("Slack {} failed with HTTP {} {} after {} attempt(s)", method, status, error, attempt);
                    return Optional.empty();
                }
                log.info("Slack {} answered HTTP {}; retrying (attempt {})", method, status, attempt);
                if (!waitBeforeRetry(status, e.getResponse().header("Retry-After"), attempt)) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                if (last || repeat == Repeat.UNSAFE) {
                    log.warn("Slack {} got no response ({}) after {} attempt(s)", method, e.getClass().getSimpleName(), attempt);
                    return Optional.empty();
                }
                if (!waitBeforeRetry(0, null, attempt)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Posts to a {@code response_url}; false when it finally failed (already logged). */
    public boolean respond(String purpose, ResponseUrlCall call) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS;
            try {
                WebhookResponse response = call.call();
                int status = response.getCode() == null ? 0 : response.getCode();
                if (status >= 200 && status < 300) {
                    return true;
                }
                if (last || !(status == 429 || status >= 500)) {
                    log.warn("Slack response_url ({}) failed with HTTP {} after {} attempt(s)", purpose, status, attempt);
                    return false;
                }
                String retryAfter = response.getHeaders() == null ? null
                        : response.getHeaders().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty())
                        .map(h -> h.getValue().get(0)).findFirst().orElse(null);
                if (!waitBeforeRetry(status, retryAfter, attempt)) {
                    return false;
                }
            } catch (IOException e) {
                // Like chat.postMessage, a response_url post may have landed: do not repeat it.
                log.warn("Slack response_url ({}) got no response ({})", purpose, e.getClass().getSimpleName());
                return false;
            }
        }
        return false;
    }

    private boolean waitBeforeRetry(int status, String retryAfter, int attempt) {
        Duration wait = BACKOFF.multipliedBy(1L << (attempt - 1));
        if (status == 429 && retryAfter != null) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException ignored) {
                // keep the backoff
            }
        }
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            wait = MAX_RETRY_AFTER;
        }
        try {
            pause.pause(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
