package dev.partnerbot.core.tips;

import java.time.Duration;

/** What a platform said to one attempt at posting a tip. */
public sealed interface DeliveryResult {

    /** Posted; {@code messageRef} identifies the post on the platform (Slack {@code ts}, Teams activity id). */
    record Sent(String messageRef) implements DeliveryResult {
    }

    /** Rate limited and not posted; try again after the delay the platform asked for. */
    record RetryAfter(Duration delay) implements DeliveryResult {
    }

    /** The bot can no longer post there (removed from the channel, channel archived or deleted). */
    record ChannelGone(String reason) implements DeliveryResult {
    }

    /**
     * Any other failure. {@code transientFailure} when trying again may succeed (5xx, time-out,
     * connection reset); then the post may also have landed, so the outcome counts as unknown.
     */
    record Failed(String reason, boolean transientFailure) implements DeliveryResult {
    }
}
