package dev.partnerbot.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transport under LangChain4j's chat models (its {@link HttpClient} extension point, on the JDK's
 * {@code java.net.http}), adding what LangChain4j's own retry lacks: 429 and 5xx answers are retried a
 * bounded number of times, after the server's {@code Retry-After} (seconds or an HTTP date) when it sends
 * one, else after a short backoff, and never past the call's deadline. Everything above the transport
 * (request bodies, JSON mode, response parsing, error types) stays LangChain4j's. Error bodies may quote
 * the request: they are passed to LangChain4j's exceptions, which PartnerBot never logs.
 */
final class RetryAfterHttpClient implements HttpClient {
    /** Retries after the first attempt. */
    static final int MAX_RETRIES = 2;
    static final Duration BACKOFF = Duration.ofMillis(250);
    /** The longest Retry-After honoured; a longer one fails the call at once (the offline answer stands). */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /** Waits between attempts (tests record instead of sleeping). */
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final Sleeper sleeper;
    private final Supplier<Instant> deadline;

    RetryAfterHttpClient(Duration connectTimeout, Duration readTimeout, Sleeper sleeper, Supplier<Instant> deadline) {
        this.http = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        this.readTimeout = readTimeout;
        this.sleeper = sleeper;
        this.deadline = deadline;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map())
                        .body(response.body()).build();
            }
            boolean retriable = status == 429 || status >= 500;
            if (retriable && attempt < MAX_RETRIES) {
                Duration wait = retryAfter(response).orElse(BACKOFF.multipliedBy(1L << attempt));
                if (wait.compareTo(MAX_WAIT) <= 0 && Instant.now().plus(wait).isBefore(deadline.get())) {
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new HttpException(status, "interrupted while waiting to retry");
                    }
                    continue;
                }
            }
            throw new HttpException(status, response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        String body = request.body();
        switch (request.method()) {
            case POST -> b.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
            case DELETE -> b.DELETE();
            default -> b.GET();
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new dev.langchain4j.exception.TimeoutException(e);
        } catch (IOException e) {
            throw new dev.langchain4j.exception.InternalServerException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.langchain4j.exception.TimeoutException(e);
        }
    }

    /** Retry-After in seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(v -> {
            String value = v.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    Duration d = Duration.between(Instant.now(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (java.time.format.DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        });
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        listener.onError(new UnsupportedOperationException("PartnerBot does not stream tailoring answers"));
    }

    /** The builder LangChain4j's chat model builders take ({@code httpClientBuilder}). */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private final Sleeper sleeper;
        private final Supplier<Instant> deadline;

        Builder(Sleeper sleeper, Supplier<Instant> deadline) {
            this.sleeper = sleeper;
            this.deadline = deadline;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            if (timeout != null) {
                this.connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            if (timeout != null) {
                this.readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new RetryAfterHttpClient(connectTimeout, readTimeout, sleeper, deadline);
        }
    }

    /** For {@code --show-prompt}: records the request a chat model would send, and sends nothing. */
    static final class Recorder implements HttpClientBuilder, HttpClient {
        private volatile HttpRequest recorded;

        HttpRequest recorded() {
            return recorded;
        }

        @Override
        public SuccessfulHttpResponse execute(HttpRequest request) {
            this.recorded = request;
            throw new HttpException(499, "recorded, not sent");
        }

        @Override
        public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
            this.recorded = request;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            return this;
        }

        @Override
        public HttpClient build() {
            return this;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
