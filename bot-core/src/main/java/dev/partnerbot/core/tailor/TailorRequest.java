package dev.partnerbot.core.tailor;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.SituationCards;
import java.util.List;
import java.util.Optional;

/**
 * What one tailoring call is about: the user's message (at most {@code Coach.MAX_CHARS} characters), its
 * language, the offline reading (behaviours most serious first, each with its cues) and the situation
 * card the offline drafts came from (empty when the offline answer was help), and the draft round (0 for
 * the first answer; "another draft" asks again with a higher round).
 */
public record TailorRequest(String text, Language language, List<Reading> reading, Optional<SituationCards.Card> card,
                            int round) {

    public TailorRequest {
        reading = List.copyOf(reading);
    }

    /** A behaviour read offline, with the phrases that showed it. */
    public record Reading(Behaviour behaviour, double confidence, List<String> cues) {
        public Reading {
            cues = List.copyOf(cues);
        }
    }
}
