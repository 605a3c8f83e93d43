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
    private final SituationCards cards = SituationCards.load(Language.EN);
    private final Advisor advisor = new Advisor();

    private SituationCards.Card card(Behaviour b, String id) {
        return cards.byQualifiedId(b.id() + "/" + id).orElseThrow();
    }

    @Test
    void leadsWithTheMostSeriousBehaviourTakesTheNearestCardAndTacksNothingOn() {
        SituationCards.Card first = cards.of(Behaviour.DISRESPECT).stream()
                .filter(c -> !c.answers(Behaviour.SCOPE_CREEP)).findFirst().orElseThrow();
        Advisor.Advice advice = advisor.advise(en, cards, List.of(Behaviour.SCOPE_CREEP, Behaviour.DISRESPECT),
                List.of(first), 7, 0, Optional.empty());

        assertThat(advice.ordered()).containsExactly(Behaviour.DISRESPECT, Behaviour.SCOPE_CREEP);
        assertThat(advice.dynamic()).isEqualTo(en.behaviour(Behaviour.DISRESPECT).dynamic());
        assertThat(advice.situation()).isEqualTo(first.qualifiedId());
        assertThat(advice.nextStep()).isEqualTo(first.nextStep());
        assertThat(advice.replies()).extracting(ReplyDraft::tone).containsExactly(Tone.WARM, Tone.FIRM);
        assertThat(advice.replies()).allSatisfy(r -> assertThat(r.text()).doesNotContain(en.behaviour(Behaviour.SCOPE_CREEP).foldIn()));
        assertThat(advice.replies().get(0).text()).isIn(first.drafts(Tone.WARM));
        assertThat(advice.principles()).extracting(p -> p.principle().id())
                .contains(en.behaviour(Behaviour.SCOPE_CREEP).principles().get(0).id());
    }

    @Test
    void aCardMadeForThePairingAnswersBothWithoutAFoldIn() {
        SituationCards.Card paired = cards.all().stream()
                .filter(c -> c.behaviour() == Behaviour.PAYMENT_PRESSURE && c.also().contains(Behaviour.SCOPE_CREEP))
                .findFirst().orElseThrow();
        Advisor.Advice advice = advisor.advise(en, cards, List.of(Behaviour.PAYMENT_PRESSURE, Behaviour.SCOPE_CREEP),
                List.of(paired), 3, 0, Optional.empty());

        assertThat(advice.replies().get(0).text()).isIn(paired.drafts(Tone.WARM));
        assertThat(advice.replies().get(1).text()).isIn(paired.drafts(Tone.FIRM));
    }

    @Test
    void anotherDraftRotatesWithinTheCardThenMovesToTheNextNearest() {
        List<SituationCards.Card> ranked = List.of(card(Behaviour.PAYMENT_PRESSURE, "fee_cut_next_period"),
                card(Behaviour.PAYMENT_PRESSURE, "overdue_invoice"));
        List<Behaviour> b = List.of(Behaviour.PAYMENT_PRESSURE);
        assertThat(advisor.advise(en, cards, b, ranked, 3, 0, Optional.empty()))
                .isEqualTo(advisor.advise(en, cards, b, ranked, 3, 0, Optional.empty()));

        Set<String> warm = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            Advisor.Advice a = advisor.advise(en, cards, b, ranked, 3, round, Optional.empty());
            assertThat(a.situation()).isEqualTo("payment_pressure/fee_cut_next_period");
            warm.add(a.replies().get(0).text());
        }
        assertThat(warm).hasSize(3);
        Advisor.Advice next = advisor.advise(en, cards, b, ranked, 3, 3, Optional.empty());
        assertThat(next.situation()).isEqualTo("payment_pressure/overdue_invoice");
        assertThat(next.replies().get(0).text()).isIn(ranked.get(1).drafts(Tone.WARM));
    }

    @Test
    void preferredToneLeadsWithTwoDraftsOfThatTone() {
        Advisor.Advice advice = advisor.advise(en, cards, List.of(Behaviour.BLAME), List.of(), 1, 0, Optional.of(Tone.FIRM));

        assertThat(advice.replies()).extracting(ReplyDraft::tone).containsExactly(Tone.FIRM, Tone.FIRM, Tone.WARM);
        assertThat(advice.replies().get(0).text()).isNotEqualTo(advice.replies().get(1).text());
    }
}
