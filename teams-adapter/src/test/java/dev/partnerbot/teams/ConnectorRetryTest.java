package dev.partnerbot.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.partnerbot.teams.BotFrameworkStandIn.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.teams.connector.ConnectorRetry;
import dev.partnerbot.teams.connector.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorRetryTest {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-06T10:15:30Z"), ZoneOffset.UTC);
    private final OkHttpClient http = new OkHttpClient.Builder()
            .addInterceptor(new ConnectorRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5)),
                    waits::add, clock))
            .build();

    @BeforeEach
    void reset() {
        BotFrameworkStandIn.reset();
    }

    @Test
    void givesUpAtOnceWhenRetryAfterExceedsTheBudget() throws Exception {
        SERVER.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThat(call("/slow")).isEqualTo(429);
        assertThat(waits).isEmpty();
        assertThat(SERVER.findAll(getRequestedFor(urlPathEqualTo("/slow")))).hasSize(1);
    }

    @Test
    void honoursRetryAfterGivenAsAnHttpDate() throws Exception {
        SERVER.stubFor(get(urlPathEqualTo("/dated"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Mon, 06 May 2024 10:15:33 GMT")));

        assertThat(call("/dated")).isEqualTo(503);
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void doesNotRetryClientErrors() throws Exception {
        SERVER.stubFor(get(urlPathEqualTo("/missing")).willReturn(aResponse().withStatus(404)));

        assertThat(call("/missing")).isEqualTo(404);
        assertThat(SERVER.findAll(getRequestedFor(urlPathEqualTo("/missing")))).hasSize(1);
    }

    private int call(String path) throws Exception {
        try (Response r = http.newCall(new Request.Builder().url(SERVER.baseUrl() + path).build()).execute()) {
            return r.code();
        }
    }
}
