package dev.partnerbot.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.ReplyDraft;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdvisorTest {
    private final Playbook en = Playbook.load(Language.EN);
    private final Advisor advisor = new Advisor();

    @Test
    void leadsWithTheMostSeriousBehaviourAndFoldsInTheRest() {
        Advisor.Advice advice = advisor.advise(en, List.of(Behaviour.SCOPE_CREEP, Behaviour.DISRESPECT), 7, 0, Optional.empty());

        assertThat(advice.ordered()).containsExactly(Behaviour.DISRESPECT, Behaviour.SCOPE_CREEP);
        assertThat(advice.dynamic()).isEqualTo(en.behaviour(Behaviour.DISRESPECT).dynamic());
        assertThat(advice.replies()).allSatisfy(r -> assertThat(r.text()).endsWith(en.behaviour(Behaviour.SCOPE_CREEP).foldIn()));
        assertThat(advice.replies()).extracting(ReplyDraft::tone).containsExactly(Tone.WARM, Tone.FIRM);
    }

    @Test
    void isDeterministicForASeedAndRoundAndRotatesAcrossRounds() {
        List<Behaviour> b = List.of(Behaviour.SCOPE_CREEP);
        assertThat(advisor.advise(en, b, 3, 0, Optional.empty()))
                .isEqualTo(advisor.advise(en, b, 3, 0, Optional.empty()));

        Set<String> warm = new HashSet<>();
        int drafts = en.behaviour(Behaviour.SCOPE_CREEP).drafts(Tone.WARM).size();
        for (int round = 0; round < drafts; round++) {
            warm.add(advisor.advise(en, b, 3, round, Optional.empty()).replies().get(0).text());
        }
        assertThat(warm).hasSize(drafts);
    }

    @Test
    void preferredToneLeadsWithTwoDraftsOfThatTone() {
        Advisor.Advice advice = advisor.advise(en, List.of(Behaviour.BLAME), 1, 0, Optional.of(Tone.FIRM));

        assertThat(advice.replies()).extracting(ReplyDraft::tone).containsExactly(Tone.FIRM, Tone.FIRM, Tone.WARM);
        assertThat(advice.replies().get(0).text()).isNotEqualTo(advice.replies().get(1).text());
    }
}
