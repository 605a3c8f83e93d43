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
 * Chooses advice from the playbook: leads with the most serious behaviour, folds the others
 * into the drafts, picks the principles that answer them and one next step. Deterministic for
 * a seed; each round rotates to different drafts.
 */
public final class Advisor {
    private static final int MAX_PRINCIPLES = 3;
    private static final int MAX_FOLDED = 2;

    /** The advice for a set of behaviours. */
    public record Advice(List<Behaviour> ordered, String dynamic, List<PrincipleAdvice> principles,
                         List<ReplyDraft> replies, String nextStep) {
    }

    /** Most serious first (the playbook's severity), ties kept in the given order. */
    public List<Behaviour> bySeverity(Playbook playbook, List<Behaviour> behaviours) {
        List<Behaviour> ordered = new ArrayList<>(behaviours);
        ordered.sort(Comparator.comparingInt((Behaviour b) -> -playbook.behaviour(b).severity()));
        return ordered;
    }

    public Advice advise(Playbook playbook, List<Behaviour> behaviours, long seed, int round, Optional<Tone> preferred) {
        if (behaviours.isEmpty()) {
            throw new IllegalArgumentException("advice needs at least one behaviour");
        }
        List<Behaviour> ordered = bySeverity(playbook, behaviours);
        Behaviour lead = ordered.get(0);
        Playbook.BehaviourAdvice leadAdvice = playbook.behaviour(lead);

        Map<Principle, String> chosen = new LinkedHashMap<>();
        for (Playbook.Answering a : leadAdvice.principles()) {
            chosen.putIfAbsent(Principle.byId(a.id()).orElseThrow(), a.why());
        }
        for (Behaviour other : ordered.subList(1, ordered.size())) {
            Playbook.Answering first = playbook.behaviour(other).principles().get(0);
            chosen.putIfAbsent(Principle.byId(first.id()).orElseThrow(), first.why());
        }
        List<PrincipleAdvice> principles = new ArrayList<>();
        chosen.entrySet().stream().limit(MAX_PRINCIPLES).forEach(e -> principles.add(
                new PrincipleAdvice(e.getKey(), playbook.principle(e.getKey()).name(), e.getValue())));

        StringBuilder folded = new StringBuilder();
        for (Behaviour other : ordered.subList(1, Math.min(ordered.size(), 1 + MAX_FOLDED))) {
            folded.append(playbook.language() == dev.partnerbot.core.Language.ZH ? "" : " ")
                    .append(playbook.behaviour(other).foldIn());
        }

        List<Tone> tones = preferred.map(t -> List.of(t, t, other(t))).orElse(List.of(Tone.WARM, Tone.FIRM));
        List<ReplyDraft> replies = new ArrayList<>();
        Map<Tone, Integer> used = new LinkedHashMap<>();
        for (Tone tone : tones) {
            List<String> drafts = leadAdvice.drafts(tone);
            int k = used.merge(tone, 1, Integer::sum) - 1;
            long perRound = tones.stream().filter(tone::equals).count();
            int index = Math.floorMod(seed + round * perRound + k, drafts.size());
            replies.add(new ReplyDraft(tone, drafts.get(index) + folded));
        }
        List<String> steps = leadAdvice.nextSteps();
        String nextStep = steps.get(Math.floorMod(seed + round, steps.size()));
        return new Advice(ordered, leadAdvice.dynamic(), principles, replies, nextStep);
    }

    private static Tone other(Tone t) {
        return t == Tone.WARM ? Tone.FIRM : Tone.WARM;
    }
}
