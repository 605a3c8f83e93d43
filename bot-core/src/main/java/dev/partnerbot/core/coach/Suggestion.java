package dev.partnerbot.core.coach;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;

/**
 * Advice for a message about a client: the behaviours seen (most serious first), the dynamic
 * behind them, the principles that answer them, reply drafts and one next step.
 *
 * @param round which rotation of drafts this is; ask the coach for {@code round + 1} to get another draft
 */
public record Suggestion(
        Language language,
        List<SeenBehaviour> behaviours,
        String dynamic,
        List<PrincipleAdvice> principles,
        List<ReplyDraft> replies,
        String nextStep,
        int round,
        boolean truncated) implements Answer {

    public Suggestion {
        behaviours = List.copyOf(behaviours);
        principles = List.copyOf(principles);
        replies = List.copyOf(replies);
    }

    /** The behaviour ids in order, most serious first. */
    public List<Behaviour> behaviourIds() {
        return behaviours.stream().map(SeenBehaviour::behaviour).toList();
    }
}
