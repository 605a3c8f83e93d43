package dev.partnerbot.app.tips;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Tip delivery meters, tagged by platform: {@code tips_sent_total}, {@code tips_failed_total},
 * {@code tips_skipped_total}, {@code tips_missed_total} and the {@code tips_delivery_lag} timer
 * (from the scheduled local time to the platform accepting the post).
 */
final class TipMetrics {
    private final MeterRegistry registry;

    TipMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String platform, Duration lag) {
        counter("tips.sent", platform).increment();
        Timer.builder("tips.delivery.lag").description("Scheduled time to post accepted").tag("platform", platform)
                .publishPercentiles(0.5, 0.99).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    void failed(String platform, String reason) {
        Counter.builder("tips.failed").tag("platform", platform).tag("reason", reason).register(registry).increment();
    }

    void skipped(String platform) {
        counter("tips.skipped", platform).increment();
    }

    void missed(String platform) {
        counter("tips.missed", platform).increment();
    }

    private Counter counter(String name, String platform) {
        return Counter.builder(name).tag("platform", platform).register(registry);
    }
}
