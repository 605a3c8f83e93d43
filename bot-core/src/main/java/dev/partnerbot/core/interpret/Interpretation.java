package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;
import java.util.Optional;

/**
 * What the interpreter read in a message: its language, the behaviours it shows (most
 * confident first, empty when the message is not about a client), and, when two readings are
 * close, the pair to ask about.
 */
public record Interpretation(Language language, List<Reading> behaviours, Optional<Ambiguity> ambiguity) {

    public Interpretation {
        behaviours = List.copyOf(behaviours);
    }

    public boolean aboutAClient() {
        return !behaviours.isEmpty();
    }

    /** A behaviour, the classifier's confidence in it (0..1) and the phrases that most support it. */
    public record Reading(Behaviour behaviour, double confidence, List<String> cues) {
        public Reading {
            cues = List.copyOf(cues);
        }
    }

    /** Two close readings: {@code first} is the one the coach would go with. */
    public record Ambiguity(Behaviour first, Behaviour second) {
    }
}
