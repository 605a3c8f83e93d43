package dev.partnerbot.core.tips;

/** Whether a platform can tell that a tip for a given (schedule, week) is already in the channel. */
public sealed interface PriorPost {

    /** The tip is there: record it as sent, do not post again. */
    record Found(String messageRef) implements PriorPost {
    }

    /** The platform was asked and the tip is not there: posting is safe. */
    record NotFound() implements PriorPost {
    }

    /** The platform cannot tell (no way to look): resolve towards skipping. */
    record Unknowable(String reason) implements PriorPost {
    }

    /** Looking failed for now (rate limit, 5xx, time-out): look again later, within the grace window. */
    record CheckFailed(String reason) implements PriorPost {
    }
}
