package dev.partnerbot.core.tips;

/**
 * Port: posts tips on one chat platform (implemented by the Slack and Teams adapters).
 * Implementations render the tip for their platform and map platform errors to a
 * {@link DeliveryResult}; they do not retry, pace or record: the delivery service does.
 */
public interface TipDelivery {

    /** One attempt at posting {@code tip} into the schedule's channel. */
    DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip);

    /**
     * Whether the tip for {@code week} is already in the channel, asked when an earlier attempt's
     * outcome is unknown (a crash or time-out after the platform may have accepted the post).
     * The default cannot tell, which makes the service skip rather than risk a duplicate.
     */
    default PriorPost findPrior(TipSchedule schedule, String week) {
        return new PriorPost.Unknowable("this platform cannot look for earlier posts");
    }

    /**
     * Tells the schedule's owner that it was paused because the bot cannot post in the channel
     * any more. Best effort: returns false when nobody could be told.
     */
    default boolean notifyPaused(TipSchedule schedule, String reason) {
        return false;
    }
}
