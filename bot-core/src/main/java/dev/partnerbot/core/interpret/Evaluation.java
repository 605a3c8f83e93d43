package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How well the shipped interpreter reads held-out messages (the dev set, never trained on), Rasa-style:
 * per-behaviour precision, recall, F1 and support, macro and micro averages, out-of-scope accuracy,
 * the share of behaviour messages answered with help, the most frequent confusions and the
 * misclassified messages. Cross-validated figures come from the training pipeline's model cards.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** One language's results. */
    public record LanguageReport(
            Language language,
            int messages,
            Map<Behaviour, Scores> perBehaviour,
            double macroF1,
            double microPrecision,
            double microRecall,
            double microF1,
            int outOfScopeMessages,
            double outOfScopeAccuracy,
            int behaviourMessages,
            double helpOnBehaviour,
            Map<String, Integer> confusions,
            List<Misclassified> misclassified) {
    }

    public record Scores(int truePositives, int falsePositives, int falseNegatives) {
        public int support() {
            return truePositives + falseNegatives;
        }

        public double precision() {
            return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return support() == 0 ? 0 : truePositives / (double) support();
        }

        public double f1() {
            return truePositives == 0 ? 0 : 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
        }
    }

    /** A message the cross-validated interpreter got wrong (for the team to read; never user data). */
    public record Misclassified(Language language, String text, Set<Behaviour> expected, Set<Behaviour> predicted) {
    }

    /** The shipped interpreter's readings of labelled messages (the dev set), one report per language. */
    public static List<LanguageReport> evaluate(Interpreter interpreter, Corpus messages) {
        List<LanguageReport> reports = new ArrayList<>();
        for (Language language : Language.values()) {
            List<LabelledMessage> examples = messages.in(language);
            List<Set<Behaviour>> predicted = new ArrayList<>();
            for (LabelledMessage m : examples) {
                EnumSet<Behaviour> seen = EnumSet.noneOf(Behaviour.class);
                interpreter.interpret(m.text()).behaviours().forEach(r -> seen.add(r.behaviour()));
                predicted.add(seen);
            }
            reports.add(score(language, examples, predicted));
        }
        return reports;
    }

    /**
     * One card example the situation head placed on another card of the same behaviour: the card it belongs
     * to, the card chosen (both qualified, {@code behaviour/id}) and the example's text (the playbook's own
     * data, never a user's message).
     */
    public record SituationMiss(String card, String chosen, String text) {
    }

    /** One card example: the chosen card's share of its behaviour's situation probability, in (0, 1], and whether it was right. */
    public record Shared(double share, boolean right) {
    }

    /**
     * The situation head on the cards' own examples: top-1 accuracy in [0, 1] (-1 when the reader has no
     * head, with no misses) over {@code examples} examples, every miss, in the cards' order, and every
     * example's share of its chosen card (the calibration of the choice).
     */
    public record SituationReport(double top1, int examples, List<SituationMiss> misses, List<Shared> shares) {
        /**
         * Top-1 accuracy among the examples whose chosen card holds at least {@code minShare} of its behaviour's
         * situation probability, and the fraction of examples that do: {@code [accuracy, coverage]}, both in
         * [0, 1] (accuracy 0 when none do); the calibration behind the coach's uncertain-situation share.
         */
        public double[] accuracyAbove(double minShare) {
            return accuracyWhere(s -> s >= minShare);
        }

        /** As {@link #accuracyAbove}, for the examples whose chosen card holds less than {@code maxShare}. */
        public double[] accuracyBelow(double maxShare) {
            return accuracyWhere(s -> s < maxShare);
        }

        private double[] accuracyWhere(java.util.function.DoublePredicate share) {
            int n = 0;
            int right = 0;
            for (Shared s : shares) {
                if (share.test(s.share())) {
                    n++;
                    right += s.right() ? 1 : 0;
                }
            }
            return new double[] {n == 0 ? 0 : right / (double) n, shares.isEmpty() ? 0 : n / (double) shares.size()};
        }

        /** Misses counted per {@code card -> chosen} pair, most frequent first (ties by name). */
        public List<Map.Entry<String, Integer>> confusions() {
            Map<String, Integer> counts = new TreeMap<>();
            for (SituationMiss m : misses) {
                counts.merge(m.card() + " -> " + m.chosen(), 1, Integer::sum);
            }
            List<Map.Entry<String, Integer>> out = new ArrayList<>(counts.entrySet());
            out.sort((a, b) -> b.getValue() - a.getValue());
            return out;
        }
    }

    /**
     * The reader's situation head on the situation cards' own example messages (which the pipeline never
     * trains on): each example's most probable card among the cards of its behaviour, as the coach chooses
     * among the behaviours read; top-1 accuracy and every miss (see {@link SituationReport}).
     */
    public static SituationReport situationHead(ReaderModel reader, dev.partnerbot.core.advice.SituationCards cards) {
        List<String> ids = reader.situationIds();
        if (ids.isEmpty()) {
            return new SituationReport(-1, 0, List.of(), List.of());
        }
        int right = 0;
        int total = 0;
        List<SituationMiss> misses = new ArrayList<>();
        List<Shared> shares = new ArrayList<>();
        for (dev.partnerbot.core.advice.SituationCards.Card c : cards.all()) {
            List<String> examples = c.examples();
            ReaderModel.Reading[] readings = reader.read(examples);
            for (int e = 0; e < readings.length; e++) {
                ReaderModel.Reading r = readings[e];
                int best = -1;
                double sum = 0;
                for (int k = 0; k < ids.size(); k++) {
                    if (ids.get(k).startsWith(c.behaviour().id() + "/")) {
                        sum += r.situations()[k];
                        if (best < 0 || r.situations()[k] > r.situations()[best]) {
                            best = k;
                        }
                    }
                }
                boolean hit = best >= 0 && ids.get(best).equals(c.qualifiedId());
                shares.add(new Shared(best < 0 || sum <= 0 ? 0 : r.situations()[best] / sum, hit));
                if (hit) {
                    right++;
                } else {
                    misses.add(new SituationMiss(c.qualifiedId(), best >= 0 ? ids.get(best) : "", examples.get(e)));
                }
                total++;
            }
        }
        return new SituationReport(total == 0 ? 0 : right / (double) total, total, List.copyOf(misses), List.copyOf(shares));
    }

    static LanguageReport score(Language language, List<LabelledMessage> examples, List<Set<Behaviour>> predicted) {
        Map<Behaviour, int[]> counts = new LinkedHashMap<>();
        for (Behaviour b : Behaviour.values()) {
            counts.put(b, new int[3]);
        }
        Map<String, Integer> confusions = new TreeMap<>();
        List<Misclassified> wrong = new ArrayList<>();
        int oos = 0;
        int oosRight = 0;
        int withBehaviour = 0;
        int answeredWithHelp = 0;
        for (int i = 0; i < examples.size(); i++) {
            Set<Behaviour> truth = examples.get(i).labels();
            Set<Behaviour> guess = predicted.get(i);
            if (truth.isEmpty()) {
                oos++;
                oosRight += guess.isEmpty() ? 1 : 0;
            } else {
                withBehaviour++;
                answeredWithHelp += guess.isEmpty() ? 1 : 0;
            }
            List<String> missed = new ArrayList<>();
            List<String> extra = new ArrayList<>();
            for (Behaviour b : Behaviour.values()) {
                boolean t = truth.contains(b);
                boolean g = guess.contains(b);
                if (t && g) {
                    counts.get(b)[0]++;
                } else if (g) {
                    counts.get(b)[1]++;
                    extra.add(b.id());
                } else if (t) {
                    counts.get(b)[2]++;
                    missed.add(b.id());
                }
            }
            if (!truth.equals(guess)) {
                wrong.add(new Misclassified(language, examples.get(i).text(), truth, guess));
                if (missed.isEmpty()) {
                    missed.add(truth.isEmpty() ? "(not about a client)" : "(nothing missed)");
                }
                if (extra.isEmpty()) {
                    extra.add(guess.isEmpty() ? "(not about a client)" : "(nothing extra)");
                }
                for (String m : missed) {
                    for (String e : extra) {
                        confusions.merge(m + " -> " + e, 1, Integer::sum);
                    }
                }
            }
        }
        Map<Behaviour, Scores> per = new LinkedHashMap<>();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double macro = 0;
        for (var e : counts.entrySet()) {
            Scores s = new Scores(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            per.put(e.getKey(), s);
            tp += s.truePositives();
            fp += s.falsePositives();
            fn += s.falseNegatives();
            macro += s.f1();
        }
        Scores micro = new Scores(tp, fp, fn);
        return new LanguageReport(language, examples.size(), per, macro / per.size(), micro.precision(),
                micro.recall(), micro.f1(), oos, oos == 0 ? 1 : oosRight / (double) oos, withBehaviour,
                withBehaviour == 0 ? 0 : answeredWithHelp / (double) withBehaviour, confusions, wrong);
    }

    /** A readable report of one language. */
    public static String format(LanguageReport r, int topConfusions) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "== %s: %d messages ==%n", r.language().code(), r.messages()));
        sb.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s%n", "behaviour", "precision", "recall", "f1", "support"));
        for (var e : r.perBehaviour().entrySet()) {
            Scores s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-22s %9.3f %9.3f %9.3f %9d%n", e.getKey().id(), s.precision(),
                    s.recall(), s.f1(), s.support()));
        }
        sb.append(String.format(Locale.ROOT, "%-22s %9s %9s %9.3f%n", "macro avg", "", "", r.macroF1()));
        sb.append(String.format(Locale.ROOT, "%-22s %9.3f %9.3f %9.3f%n", "micro avg", r.microPrecision(),
                r.microRecall(), r.microF1()));
        sb.append(String.format(Locale.ROOT, "out-of-scope accuracy  %.3f (%d messages)%n", r.outOfScopeAccuracy(),
                r.outOfScopeMessages()));
        sb.append(String.format(Locale.ROOT, "behaviour messages answered with help  %.3f (%d messages)%n",
                r.helpOnBehaviour(), r.behaviourMessages()));
        sb.append("top confusions (expected -> predicted):\n");
        r.confusions().entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(topConfusions)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %3d  %s%n", e.getValue(), e.getKey())));
        return sb.toString();
    }
}
