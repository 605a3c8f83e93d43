package dev.partnerbot.teams.tips;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.teams.bot.ConversationAudience;
import dev.partnerbot.teams.cards.AnswerCards;
import dev.partnerbot.teams.install.Delivery;
import dev.partnerbot.teams.install.ProactiveMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts weekly tips into Teams channels and chats through the stored conversation references.
 * The schedule's team is the tenant id and its channel the conversation id. Teams offers no way
 * to look for an earlier post, so an attempt whose outcome is unknown is skipped rather than
 * risk a duplicate (the default of {@link TipDelivery#findPrior}). A conversation that people outside
 * the organisation can read (checked when the tip is due: a channel may have been shared since the
 * schedule was made) gets no tip; the schedule is paused as for a channel that is gone.
 */
public final class TeamsTipDelivery implements TipDelivery {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Why a tip is refused where people outside the organisation read along (pauses the schedule). */
    public static final String OUTSIDE_ORGANISATION = "conversation_readable_outside_organisation";

    private final ProactiveMessages proactive;
    private final TipCards cards;
    private final ConversationAudience audience;

    /** @param audience who can read a conversation: tips are coaching, never posted where a client reads along */
    public TeamsTipDelivery(ProactiveMessages proactive, TipCards cards, ConversationAudience audience) {
        this.proactive = proactive;
        this.cards = cards;
        this.audience = audience;
    }

    @Override
    public DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip) {
        Attachment card = new Attachment();
        card.setContentType(AnswerCards.CONTENT_TYPE);
        card.setContent(cards.card(tip));
        Activity message = new Activity(ActivityTypes.MESSAGE);
        message.setAttachments(List.of(card));
        try {
            Delivery outcome = proactive.sendCoaching(schedule.team(), schedule.channel(), message, audience)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof Delivery.Sent sent) {
                return new DeliveryResult.Sent(sent.activityId() == null ? "" : sent.activityId());
            } else if (outcome instanceof Delivery.Throttled throttled) {
                return new DeliveryResult.RetryAfter(throttled.retryAfter());
            } else if (outcome instanceof Delivery.Withheld) {
                return new DeliveryResult.ChannelGone(OUTSIDE_ORGANISATION);
            } else if (outcome instanceof Delivery.ConversationGone gone) {
                return new DeliveryResult.ChannelGone("teams answered " + gone.status());
            } else {
                return new DeliveryResult.ChannelGone("the bot is not installed in this conversation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Failed("interrupted", true);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new DeliveryResult.Failed(cause.getClass().getSimpleName(), true);
        }
    }
}
