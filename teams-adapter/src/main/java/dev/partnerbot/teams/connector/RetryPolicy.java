package dev.partnerbot.teams.connector;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls to the Bot Connector (and the token endpoint) are retried on {@code 429} and {@code 5xx}.
 * Teams limits a bot to about 7 messages a second per conversation and answers {@code 429} with
 * {@code Retry-After}; the SDK itself never retries 429 and retries 5xx at once, so we own this.
 *
 * @param maxAttempts attempts in total, the first one included
 * @param baseDelay   first backoff; doubled for every further attempt
 * @param maxDelay    longest single wait; a {@code Retry-After} asking for more ends the retries, because
 *                    a turn must finish well within the Bot Framework's 15 s request timeout
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Four attempts, 0.5 s, 1 s, 2 s apart, waiting at most 5 s for a {@code Retry-After}. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(5));

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** The backoff before attempt {@code attempt + 1}, when the server did not say how long to wait. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = baseDelay.multipliedBy(factor);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
