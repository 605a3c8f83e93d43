package dev.partnerbot.core.feedback;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Principle;
import java.util.List;

/**
 * Where "helpful / not helpful" goes: counted per behaviour and principle, never with the
 * message text. Implemented outside the core (database, metrics).
 */
public interface FeedbackSink {

    /**
     * Records one vote.
     *
     * @param platform where the vote came from, e.g. {@code slack} or {@code teams}
     */
    void record(String platform, List<Behaviour> behaviours, List<Principle> principles, boolean helpful);
}
