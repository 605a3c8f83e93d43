package dev.partnerbot.core.coach;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;
import java.util.Optional;

/**
 * Advice for a message about a client: the behaviours seen (most serious first), the dynamic
 * behind them, the principles that answer them, reply drafts and one next step.
 *
 * @param round which rotation of drafts this is; ask the coach for {@code round + 1} to get another draft
 * @param situation the situation card the drafts come from ({@code <behaviour>/<card id>})
 * @param situations the cards ranked for this message, nearest first (at most five): what a redraft
 *                   needs to continue the rotation without the message text
 * @param tailoredBy the language model that wrote the behaviours, replies and next step (after the
 *                   guardrails), or empty for the offline answer
 */
public record Suggestion(
        Language language,
        List<SeenBehaviour> behaviours,
        String dynamic,
        List<PrincipleAdvice> principles,
        List<ReplyDraft> replies,
        String nextStep,
        int round,
        boolean truncated,
        String situation,
        List<String> situations,
        Optional<String> tailoredBy) implements Answer {

    /** An offline suggestion. */
    public Suggestion(Language language, List<SeenBehaviour> behaviours, String dynamic, List<PrincipleAdvice> principles,
                      List<ReplyDraft> replies, String nextStep, int round, boolean truncated, String situation,
                      List<String> situations) {
        this(language, behaviours, dynamic, principles, replies, nextStep, round, truncated, situation, situations,
                Optional.empty());
    }

    public Suggestion {
        tailoredBy = tailoredBy == null ? Optional.empty() : tailoredBy;
        situations = List.copyOf(situations);
        behaviours = List.copyOf(behaviours);
        principles = List.copyOf(principles);
        replies = List.copyOf(replies);
    }

    /**
     * Whether the drafts shown are the leading behaviour's general card (the situation head was unsure which
     * situation the message is about; see {@code CardChooser.UNCERTAIN_SHARE}); false when a language model
     * wrote them, even from that card. Adapters then say that the drafts hold whichever situation it is, and
     * that "another draft" tries the nearest ones.
     */
    public boolean general() {
        return tailoredBy.isEmpty() && situation != null
                && situation.endsWith("/" + dev.partnerbot.core.advice.SituationCards.GENERAL);
    }

    /** The behaviour ids in order, most serious first. */
    public List<Behaviour> behaviourIds() {
        return behaviours.stream().map(SeenBehaviour::behaviour).toList();
    }
}
