package dev.partnerbot.core.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The general card: answering with drafts that hold in every situation when the situation head is unsure. */
class GeneralCardTest {
    private final Playbook en = Playbook.load(Language.EN);
    private final SituationCards cards = SituationCards.load(Language.EN).withGeneral(en);
    private final CardChooser chooser = new CardChooser(cards, null);

    /** Situation probabilities giving the first card of {@code b} the share {@code top}, the rest spread evenly. */
    private Map<String, Double> probabilities(Behaviour b, double top) {
        List<SituationCards.Card> of = cards.of(b);
        Map<String, Double> p = new HashMap<>();
        p.put(of.get(0).qualifiedId(), top);
        for (int i = 1; i < of.size(); i++) {
            p.put(of.get(i).qualifiedId(), (1 - top) / (of.size() - 1));
        }
        return p;
    }

    @Test
    void everyBehaviourHasAGeneralCardFromThePlaybookFoundByItsQualifiedId() {
        for (Language language : Language.values()) {
            Playbook playbook = Playbook.load(language);
            SituationCards withGeneral = SituationCards.load(language).withGeneral(playbook);
            for (Behaviour b : Behaviour.values()) {
                SituationCards.Card g = withGeneral.byQualifiedId(b.id() + "/" + SituationCards.GENERAL).orElseThrow();
                assertThat(g.behaviour()).isEqualTo(b);
                assertThat(g.drafts(Tone.WARM)).isEqualTo(playbook.behaviour(b).drafts(Tone.WARM));
                assertThat(g.drafts(Tone.FIRM)).isEqualTo(playbook.behaviour(b).drafts(Tone.FIRM));
                assertThat(g.nextStep()).isEqualTo(playbook.behaviour(b).nextSteps().get(0));
                assertThat(withGeneral.all()).doesNotContain(g);
            }
            assertThat(SituationCards.load(language).general(Behaviour.BLAME)).isEmpty();
            assertThat(SituationCards.load(language).byQualifiedId("blame/" + SituationCards.GENERAL)).isEmpty();
        }
        assertThatThrownBy(() -> SituationCards.load(Language.ZH).withGeneral(en)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCardFileCannotUseTheReservedId() {
        SituationCards.CardDoc doc = new SituationCards.CardDoc(SituationCards.GENERAL, "s", List.of(),
                List.of("a", "b", "c", "d"), List.of(new Playbook.Answering("set_expectations", "why")), "step",
                Map.of("warm", List.of("w1", "w2", "w3"), "firm", List.of("f1", "f2", "f3")));
        SituationCards.FileDoc file = new SituationCards.FileDoc("blame", "en", java.util.Collections.nCopies(10, doc));
        assertThatThrownBy(() -> SituationCards.validate("blame.en.yaml", Behaviour.BLAME, Language.EN, file))
                .hasMessageContaining("reserved");
    }

    @Test
    void anUncertainSituationLeadsWithTheGeneralCardThenTheNearestCards() {
        Behaviour b = Behaviour.PAYMENT_PRESSURE;
        List<CardChooser.Ranked> unsure = chooser.rank(List.of(b), new float[0], "text",
                probabilities(b, CardChooser.UNCERTAIN_SHARE - 0.05));
        assertThat(unsure.get(0).card().qualifiedId()).isEqualTo(b.id() + "/" + SituationCards.GENERAL);
        assertThat(unsure.get(1).card()).isEqualTo(cards.of(b).get(0));

        List<CardChooser.Ranked> sure = chooser.rank(List.of(b), new float[0], "text",
                probabilities(b, CardChooser.UNCERTAIN_SHARE + 0.05));
        assertThat(sure.get(0).card()).isEqualTo(cards.of(b).get(0));
        assertThat(sure).noneMatch(r -> r.card().id().equals(SituationCards.GENERAL));
    }

    @Test
    void anUncertainLeadGivesWayToAFurtherBehaviourWhoseSituationIsClear() {
        Behaviour lead = Behaviour.DISRESPECT;
        Behaviour further = Behaviour.BLAME;
        String general = lead.id() + "/" + SituationCards.GENERAL;
        Map<String, Double> p = probabilities(lead, CardChooser.UNCERTAIN_SHARE - 0.1);
        p.putAll(probabilities(further, CardChooser.FURTHER_BEHAVIOUR_SHARE + 0.05));
        List<CardChooser.Ranked> ranked = chooser.rank(List.of(lead, further), new float[0], "text", p);
        assertThat(ranked.get(0).card()).isEqualTo(cards.of(further).get(0));
        assertThat(ranked.get(1).card().qualifiedId()).isEqualTo(general);
        assertThat(ranked).filteredOn(r -> r.card().equals(cards.of(further).get(0))).hasSize(1);

        p.putAll(probabilities(further, CardChooser.FURTHER_BEHAVIOUR_SHARE - 0.1));
        assertThat(chooser.rank(List.of(lead, further), new float[0], "text", p).get(0).card().qualifiedId())
                .as("a further behaviour's unclear situation leaves the general card first").isEqualTo(general);

        p.putAll(probabilities(lead, CardChooser.UNCERTAIN_SHARE + 0.1));
        p.putAll(probabilities(further, 0.95));
        assertThat(chooser.rank(List.of(lead, further), new float[0], "text", p).get(0).card())
                .as("a clear lead keeps its own card").isEqualTo(cards.of(lead).get(0));
    }

    @Test
    void withoutASituationHeadOrGeneralCardsNothingChanges() {
        Behaviour b = Behaviour.PAYMENT_PRESSURE;
        assertThat(chooser.rank(List.of(b), new float[0], "the invoice is 60 days overdue", Map.of()))
                .noneMatch(r -> r.card().id().equals(SituationCards.GENERAL));
        CardChooser plain = new CardChooser(SituationCards.load(Language.EN), null);
        assertThat(plain.rank(List.of(b), new float[0], "text", probabilities(b, 0.1)).get(0).card())
                .isEqualTo(cards.of(b).get(0));
    }

    @Test
    void anotherDraftRotatesWithinTheGeneralCardThenMovesToTheNearestCard() {
        Behaviour b = Behaviour.PAYMENT_PRESSURE;
        List<SituationCards.Card> ranked = chooser.rank(List.of(b), new float[0], "text", probabilities(b, 0.2)).stream()
                .map(CardChooser.Ranked::card).toList();
        Advisor advisor = new Advisor();
        Advisor.Advice first = advisor.advise(en, cards, List.of(b), ranked, 3, 0, Optional.empty());
        assertThat(first.situation()).isEqualTo(b.id() + "/" + SituationCards.GENERAL);
        assertThat(first.replies().get(0).text()).isIn(en.behaviour(b).drafts(Tone.WARM));
        assertThat(first.situations()).startsWith(b.id() + "/" + SituationCards.GENERAL, cards.of(b).get(0).qualifiedId());
        int perCard = ranked.stream().mapToInt(c -> Math.min(c.drafts(Tone.WARM).size(), c.drafts(Tone.FIRM).size())).min().orElseThrow();
        Advisor.Advice later = advisor.advise(en, cards, List.of(b), ranked, 3, perCard, Optional.empty());
        assertThat(later.situation()).isEqualTo(cards.of(b).get(0).qualifiedId());
    }

    @Test
    void aRedraftFromButtonsKeepsTheGeneralCardThenMovesOn() throws Exception {
        Behaviour b = Behaviour.PAYMENT_PRESSURE;
        String general = b.id() + "/" + SituationCards.GENERAL;
        String nearest = cards.of(b).get(1).qualifiedId();
        try (dev.partnerbot.core.coach.Coach coach = new dev.partnerbot.core.coach.Coach(text -> {
            throw new AssertionError("a redraft reads no text");
        }, () -> { }, Playbook.loadAll())) {
            var first = coach.redraft(Language.EN, List.of(b), List.of(general, nearest), 5, 0, Optional.empty());
            assertThat(first.situation()).isEqualTo(general);
            assertThat(first.general()).isTrue();
            var tailored = new dev.partnerbot.core.coach.Suggestion(first.language(), first.behaviours(), first.dynamic(),
                    first.principles(), first.replies(), first.nextStep(), first.round(), first.truncated(),
                    first.situation(), first.situations(), Optional.of("a model"));
            assertThat(tailored.general()).as("drafts a language model wrote are not the general card's").isFalse();
            assertThat(first.replies()).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(r -> assertThat(en.behaviour(b).drafts(r.tone())).contains(r.text()));
            assertThat(first.nextStep()).isEqualTo(en.behaviour(b).nextSteps().get(0));
            var later = coach.redraft(Language.EN, List.of(b), List.of(general, nearest), 5, 3, Optional.empty());
            assertThat(later.situation()).isEqualTo(nearest);
            assertThat(later.general()).isFalse();
        }
    }
}
