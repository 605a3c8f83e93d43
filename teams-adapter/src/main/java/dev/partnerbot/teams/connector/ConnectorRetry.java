package dev.partnerbot.teams.connector;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OkHttp interceptor that retries {@code 429} (honouring {@code Retry-After}) and {@code 5xx} with
 * exponential backoff, a bounded number of times. Installed as the outermost interceptor of the
 * connector client, so every retry goes through the credentials interceptor again (fresh token).
 */
public final class ConnectorRetry implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRetry.class);

    /** Waits between attempts; replaced in tests so that they never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    public ConnectorRetry(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        int attempt = 1;
        while (true) {
            Response response = chain.proceed(request);
            int code = response.code();
            if (!retryable(code) || attempt >= policy.maxAttempts()) {
                return response;
            }
            Optional<Duration> asked = retryAfter(response);
            Duration wait = asked.isPresent() ? asked.get() : jitter(policy.backoff(attempt));
            if (wait.compareTo(policy.maxDelay()) > 0) {
                LOG.warn("connector {} {} returned {}, Retry-After {} s exceeds the retry budget; giving up",
                        request.method(), request.url().encodedPath(), code, wait.toSeconds());
                return response;
            }
            response.close();
            LOG.info("connector {} {} returned {}; retry {} of {} in {} ms",
                    request.method(), request.url().encodedPath(), code, attempt, policy.maxAttempts() - 1,
                    wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
            attempt++;
        }
    }

    static boolean retryable(int code) {
        // 501 and 505 will not change on retry.
        return code == 429 || (code >= 500 && code != 501 && code != 505);
    }

    /** {@code Retry-After} as delta-seconds or HTTP-date (RFC 9110 section 10.2.3). */
    Optional<Duration> retryAfter(Response response) {
        return retryAfter(response.header("Retry-After"), clock);
    }

    /** Parses a {@code Retry-After} value, delta-seconds or HTTP-date; empty when absent or unreadable. */
    public static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        value = value.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration jitter(Duration d) {
        // "Equal jitter": half fixed, half random, so that bots hitting the same limit spread out.
        long half = d.toMillis() / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }
}
