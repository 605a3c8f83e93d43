package dev.partnerbot.core.coach;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;

/**
 * Two readings of the message are close: ask which one the user meant, and carry the
 * suggestion for the reading the coach would go with.
 */
public record Clarification(Language language, String question, List<Behaviour> options, Suggestion tentative)
        implements Answer {

    public Clarification {
        options = List.copyOf(options);
    }

    @Override
    public boolean truncated() {
        return tentative.truncated();
    }
}
