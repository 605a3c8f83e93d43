package dev.partnerbot.core.advice;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.PrincipleAdvice;
import dev.partnerbot.core.coach.ReplyDraft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses advice: the most serious behaviour leads (the playbook's severity) and gives the dynamic; the
 * situation card nearest to the message (ranked by {@link CardChooser}) gives the reply drafts, the
 * principles with why and the next step. A card made for the pairing of the behaviours read answers
 * them all; otherwise each further behaviour adds its first principle and its short fold-in sentence.
 * "Another draft" (a higher round) rotates within the card, then moves to the next-nearest card.
 * Deterministic for a seed and round.
 */
public final class Advisor {
    private static final int MAX_PRINCIPLES = 3;

    /** The advice for a set of behaviours; {@code situation} is the card used, {@code situations} the ranking it came from. */
    public record Advice(List<Behaviour> ordered, String dynamic, List<PrincipleAdvice> principles,
                         List<ReplyDraft> replies, String nextStep, String situation, List<String> situations) {
    }

    /** Most serious first (the playbook's severity), ties kept in the given order. */
    public List<Behaviour> bySeverity(Playbook playbook, List<Behaviour> behaviours) {
        List<Behaviour> ordered = new ArrayList<>(behaviours);
        ordered.sort(Comparator.comparingInt((Behaviour b) -> -playbook.behaviour(b).severity()));
        return ordered;
    }

    /**
     * @param ranked the situation cards for these behaviours, nearest first (see {@link CardChooser#rank});
     *               empty to use the leading behaviour's cards in file order
     */
    public Advice advise(Playbook playbook, SituationCards cards, List<Behaviour> behaviours, List<SituationCards.Card> ranked,
                         long seed, int round, Optional<Tone> preferred) {
        if (behaviours.isEmpty()) {
            throw new IllegalArgumentException("advice needs at least one behaviour");
        }
        List<Behaviour> ordered = bySeverity(playbook, behaviours);
        Behaviour lead = ordered.get(0);
        List<SituationCards.Card> order = ranked.isEmpty() ? cards.of(lead) : ranked;

        List<Tone> tones = preferred.map(t -> List.of(t, t, other(t))).orElse(List.of(Tone.WARM, Tone.FIRM));
        int perCard = order.stream().mapToInt(c -> Math.min(c.drafts(Tone.WARM).size(), c.drafts(Tone.FIRM).size()))
                .min().orElse(1);
        if (preferred.isPresent()) {
            perCard = Math.max(1, perCard / 2);
        }
        SituationCards.Card card = order.get(Math.floorMod(round / perCard, order.size()));
        int within = Math.floorMod(round, perCard);

        // No sentence is tacked on for a further behaviour the card does not answer: a blind review found such
        // stock sentences bringing in facts the message never gave (scope, dates, results). The card's own drafts
        // stand; the further behaviour shows in the reading and adds its principle.
        List<Behaviour> unanswered = ordered.subList(1, ordered.size()).stream().filter(b -> !card.answers(b)).toList();

        List<ReplyDraft> replies = new ArrayList<>();
        Map<Tone, Integer> used = new LinkedHashMap<>();
        for (Tone tone : tones) {
            List<String> drafts = card.drafts(tone);
            int k = used.merge(tone, 1, Integer::sum) - 1;
            long perRound = tones.stream().filter(tone::equals).count();
            int index = (int) Math.floorMod(seed + within * perRound + k, (long) drafts.size());
            replies.add(new ReplyDraft(tone, drafts.get(index)));
        }

        Map<Principle, String> chosen = new LinkedHashMap<>();
        for (Playbook.Answering a : card.principles()) {
            chosen.putIfAbsent(Principle.byId(a.id()).orElseThrow(), a.why());
        }
        for (Behaviour other : unanswered) {
            Playbook.Answering first = playbook.behaviour(other).principles().get(0);
            chosen.putIfAbsent(Principle.byId(first.id()).orElseThrow(), first.why());
        }
        List<PrincipleAdvice> principles = new ArrayList<>();
        chosen.entrySet().stream().limit(MAX_PRINCIPLES).forEach(e -> principles.add(
                new PrincipleAdvice(e.getKey(), playbook.principle(e.getKey()).name(), e.getValue())));

        return new Advice(ordered, playbook.behaviour(lead).dynamic(), principles, replies, card.nextStep(),
                card.qualifiedId(), order.stream().map(SituationCards.Card::qualifiedId).limit(SituationCards.MAX_RANKED).toList());
    }

    private static Tone other(Tone t) {
        return t == Tone.WARM ? Tone.FIRM : Tone.WARM;
    }
}
