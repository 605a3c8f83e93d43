package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.List;
import java.util.Optional;

/**
 * What the interpreter read in a message: its language, the behaviours it shows (most
 * confident first, empty when the message is not about a client), and, when two readings are
 * close, the pair to ask about; and the message's sentence embedding from the language's reader (unit
 * length; empty when the reading came from elsewhere) and the reader's probability of each situation card
 * ({@code <behaviour>/<card id>}; empty without a situation head), used to choose the situation card.
 */
public record Interpretation(Language language, List<Reading> behaviours, Optional<Ambiguity> ambiguity,
                             float[] embedding, java.util.Map<String, Double> situations) {

    public Interpretation {
        behaviours = List.copyOf(behaviours);
        situations = java.util.Map.copyOf(situations);
    }

    /** A reading without the message's embedding (situation cards are then chosen without it). */
    public Interpretation(Language language, List<Reading> behaviours, Optional<Ambiguity> ambiguity) {
        this(language, behaviours, ambiguity, new float[0], java.util.Map.of());
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
