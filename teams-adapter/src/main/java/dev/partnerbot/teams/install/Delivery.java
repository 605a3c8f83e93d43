package dev.partnerbot.teams.install;

import java.time.Duration;

/**
 * What became of a proactive message. Failures that may pass (the connector down beyond the retries,
 * the token endpoint failing) complete the future exceptionally instead.
 */
public sealed interface Delivery {

    /** Posted; {@code activityId} is the new message's id when the connector gave one. */
    record Sent(String activityId) implements Delivery {
    }

    /** No conversation reference is stored: the bot was never installed there, or was removed earlier. */
    record NotInstalled() implements Delivery {
    }

    /**
     * The connector answered {@code 403} or {@code 404}: the bot was removed from the team or chat,
     * or the conversation was deleted. The stored reference has been removed: the channel is gone.
     */
    record ConversationGone(int status) implements Delivery {
    }

    /**
     * Not sent now: Teams asked to slow down ({@code 429}) for longer than the retry budget, or the
     * conversation's own pacing limits are used up. Try again after {@code retryAfter}.
     */
    record Throttled(Duration retryAfter) implements Delivery {
    }

    /**
     * Not sent on purpose: people outside the organisation can read the conversation (a shared channel,
     * guests or members of another tenant, or that could not be ruled out), and what was to be sent is
     * coaching.
     */
    record Withheld(String reason) implements Delivery {
    }
}
