package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.Set;

/** One example of the labelled corpus: a message, its language and the behaviours it shows (none = out of scope). */
public record LabelledMessage(String text, Language language, Set<Behaviour> labels) {
    public LabelledMessage {
        labels = Set.copyOf(labels);
    }

    public boolean outOfScope() {
        return labels.isEmpty();
    }
}
