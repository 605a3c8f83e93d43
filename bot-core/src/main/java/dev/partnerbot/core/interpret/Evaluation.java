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
 * k-fold cross-validation of the interpreter on the team's corpus, Rasa-style: per-behaviour
 * precision, recall, F1 and support, macro and micro averages, out-of-scope accuracy, the most
 * frequent confusions and the misclassified messages. Thresholds are re-chosen inside every
 * training fold, so no test message influences the model that reads it.
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

    public static List<LanguageReport> crossValidate(Corpus corpus, int k, long seed) {
        Map<Language, Featurizer> featurizers = Interpreter.encoders();
        try {
            List<LanguageReport> reports = new ArrayList<>();
            for (Language language : Language.values()) {
                reports.add(crossValidate(corpus.in(language), language, featurizers.get(language), k, seed));
            }
            return reports;
        } finally {
            featurizers.values().forEach(Featurizer::close);
        }
    }

    static LanguageReport crossValidate(List<LabelledMessage> examples, Language language, Featurizer featurizer,
                                        int k, long seed) {
        List<Features> xs = featurizer.features(examples.stream().map(LabelledMessage::text).toList());
        List<Set<Behaviour>> ys = examples.stream().map(LabelledMessage::labels).toList();
        int[] fold = BehaviourModel.assignFolds(examples.size(), k, seed);
        List<Set<Behaviour>> predicted = new ArrayList<>(java.util.Collections.nCopies(examples.size(), Set.of()));
        for (int f = 0; f < k; f++) {
            BehaviourModel model = Training.train(BehaviourModel.outsideFold(xs, fold, f),
                    BehaviourModel.outsideFold(ys, fold, f), featurizer.dimension());
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] == f) {
                    EnumSet<Behaviour> seen = EnumSet.noneOf(Behaviour.class);
                    for (int c : Decision.behaviours(model.probabilities(xs.get(i)), model.thresholds)) {
                        seen.add(Behaviour.values()[c]);
                    }
                    predicted.set(i, seen);
                }
            }
        }
        return score(language, examples, predicted);
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
        for (int i = 0; i < examples.size(); i++) {
            Set<Behaviour> truth = examples.get(i).labels();
            Set<Behaviour> guess = predicted.get(i);
            if (truth.isEmpty()) {
                oos++;
                oosRight += guess.isEmpty() ? 1 : 0;
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
                micro.recall(), micro.f1(), oos, oos == 0 ? 1 : oosRight / (double) oos, confusions, wrong);
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
        sb.append("top confusions (expected -> predicted):\n");
        r.confusions().entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(topConfusions)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %3d  %s%n", e.getValue(), e.getKey())));
        return sb.toString();
    }
}
