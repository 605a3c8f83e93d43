package dev.partnerbot.core.coach;

import dev.partnerbot.core.Behaviour;
import java.util.List;

/** A behaviour recognised in a message, how sure the interpreter is, and the phrases that showed it. */
public record SeenBehaviour(Behaviour behaviour, String name, double confidence, List<String> cues) {
    public SeenBehaviour {
        cues = List.copyOf(cues);
    }
}
