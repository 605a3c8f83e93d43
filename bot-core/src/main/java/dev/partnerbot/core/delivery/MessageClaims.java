package dev.partnerbot.core.delivery;

import java.time.Duration;

/**
 * Exactly-once answering: before answering a user's message, an adapter claims the message's identity
 * (Slack: team + channel + {@code ts}; Teams: conversation + activity id). Only the first claim wins,
 * whichever event, retry, redelivery or instance it arrives through; later ones are acknowledged and
 * dropped. Keys carry platform ids only, never message text. Implementations: {@link MemoryMessageClaims}
 * for one process, and the application's database-backed claims shared by every instance.
 */
public interface MessageClaims {
    /** How long a claim is remembered: far above Slack's last retry (about 5 minutes) and Teams' redelivery. */
    Duration REMEMBER_FOR = Duration.ofHours(1);

    /**
     * Claims a message.
     *
     * @param key the message's identity, e.g. {@code slack:T1:C1:1700000000.000100}; at most 300 characters
     * @return true when this call is the first claim (answer it), false when it was claimed before
     */
    boolean claim(String key);

    /** The key of a Slack user message. */
    static String slack(String team, String channel, String ts) {
        return "slack:" + team + ":" + channel + ":" + ts;
    }

    /** The key of a Teams message activity. */
    static String teams(String conversation, String activityId) {
        return "teams:" + conversation + ":" + activityId;
    }
}
