package dev.partnerbot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.CardChooser;
import dev.partnerbot.core.advice.SituationCards;
import dev.partnerbot.core.interpret.Corpus;
import dev.partnerbot.core.interpret.Evaluation;
import dev.partnerbot.core.interpret.Interpreter;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./partnerbot evaluate}: the shipped interpreter on the held-out dev set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Report how well the shipped readers read the held-out dev set.",
            "Messages never trained on: per-behaviour precision, recall, F1, macro and micro averages,",
            "out-of-scope accuracy, behaviour messages answered with help, top confusions, and the choice of",
            "situation cards; misclassified messages are written to a file. Cross-validated figures of the",
            "training pipeline are printed from the model cards."})
public final class EvaluateCommand implements Callable<Integer> {
    /** Targets of the reading work (issue "Reading v2"), per language. */
    static final double TARGET_MACRO_F1 = 0.88;
    static final double TARGET_OUT_OF_SCOPE = 0.97;
    static final double TARGET_HELP_ON_BEHAVIOUR = 0.01;
    /** Target of the situation cards (issue "Advice v2"): each example, left out, finds its own card. */
    static final double TARGET_CARD_TOP1 = 0.85;

    @Option(names = "--out", defaultValue = "data/evaluation",
            description = "folder for misclassified.jsonl and situation-misses.jsonl (default ${DEFAULT-VALUE}), e.g. --out /tmp/eval")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        List<Evaluation.LanguageReport> reports;
        try (Interpreter interpreter = Interpreter.load()) {
            reports = Evaluation.evaluate(interpreter, Corpus.devSet());
            Files.createDirectories(out);
            Path file = out.resolve("misclassified.jsonl");
            ObjectMapper json = new ObjectMapper();
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Evaluation.LanguageReport r : reports) {
                    System.out.println(Evaluation.format(r, 10));
                    JsonNode cv = interpreter.reader(r.language()).card().path("cross_validation");
                    if (!cv.isMissingNode()) {
                        System.out.printf(Locale.ROOT, "training pipeline, %s (%s): macro-F1 %.3f, out-of-scope accuracy %.3f%n%n",
                                interpreter.reader(r.language()).card().path("settings").path("folds").asInt() + "-fold cross-validation",
                                r.language().code(), cv.path("macro_f1").asDouble(), cv.path("out_of_scope_accuracy").asDouble());
                    }
                    for (Evaluation.Misclassified m : r.misclassified()) {
                        ObjectNode node = json.createObjectNode();
                        node.put("lang", m.language().code());
                        node.put("text", m.text());
                        node.putPOJO("expected", m.expected().stream().map(b -> b.id()).sorted().toList());
                        node.putPOJO("predicted", m.predicted().stream().map(b -> b.id()).sorted().toList());
                        w.write(json.writeValueAsString(node));
                        w.newLine();
                    }
                }
            }
            Path situationFile = out.resolve("situation-misses.jsonl");
            situationCards(interpreter, json, situationFile);
            System.out.printf(Locale.ROOT, "dev set, %.0f s; misclassified messages: %s; situation head's misses: %s%n",
                    (System.nanoTime() - start) / 1e9, file, situationFile);
        }
        for (Evaluation.LanguageReport r : reports) {
            System.out.printf(Locale.ROOT, "target %s: macro-F1 %.3f (target %.2f: %s), out-of-scope accuracy %.3f (target %.2f: %s),"
                            + " behaviour messages answered with help %.3f (target at most %.2f: %s)%n",
                    r.language().code(), r.macroF1(), TARGET_MACRO_F1, met(r.macroF1() >= TARGET_MACRO_F1),
                    r.outOfScopeAccuracy(), TARGET_OUT_OF_SCOPE, met(r.outOfScopeAccuracy() >= TARGET_OUT_OF_SCOPE),
                    r.helpOnBehaviour(), TARGET_HELP_ON_BEHAVIOUR, met(r.helpOnBehaviour() <= TARGET_HELP_ON_BEHAVIOUR));
        }
        return 0;
    }

    /** Prints the situation head's top-1 and its most frequent confusions; writes every miss to {@code file}. */
    private static void situationCards(Interpreter interpreter, ObjectMapper json, Path file) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Language language : Language.values()) {
                SituationCards cards = SituationCards.load(language);
                Evaluation.SituationReport situations = Evaluation.situationHead(interpreter.reader(language), cards);
                double head = situations.top1();
                double loo = new CardChooser(cards, interpreter.reader(language)::encode).leaveOneOutAccuracy();
                for (Evaluation.SituationMiss m : situations.misses()) {
                    ObjectNode node = json.createObjectNode();
                    node.put("lang", language.code());
                    node.put("card", m.card());
                    node.put("chosen", m.chosen());
                    node.put("text", m.text());
                    w.write(json.writeValueAsString(node));
                    w.newLine();
                }
                if (head >= 0) {
                    System.out.printf(Locale.ROOT, "situation cards %s: top-1 of the reader's situation head on the cards' own examples "
                            + "(never trained on) %.3f (target %.2f: %s); by similarity alone, leave-one-out %.3f%n",
                            language.code(), head, TARGET_CARD_TOP1, met(head >= TARGET_CARD_TOP1), loo);
                    System.out.printf(Locale.ROOT, "  most frequent card confusions (%d of %d examples missed): %s%n",
                            situations.misses().size(), situations.examples(),
                            situations.confusions().stream().limit(6).map(e -> e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining(", ")));
                    StringBuilder calibration = new StringBuilder();
                    for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
                        double[] a = situations.accuracyAbove(t);
                        calibration.append(String.format(Locale.ROOT, "%s>=%.1f: %.3f on %.0f%%", calibration.isEmpty() ? "" : ", ",
                                t, a[0], a[1] * 100));
                    }
                    double[] below = situations.accuracyBelow(CardChooser.UNCERTAIN_SHARE);
                    System.out.printf(Locale.ROOT, "  top-1 when the chosen card holds a share of its behaviour's situation probability %s; "
                            + "below %.1f (answered with the general card): %.3f on %.0f%%%n",
                            calibration, CardChooser.UNCERTAIN_SHARE, below[0], below[1] * 100);
                } else {
                    System.out.printf(Locale.ROOT, "situation cards %s: leave-one-out top-1 by similarity %.3f (target %.2f: %s)%n",
                            language.code(), loo, TARGET_CARD_TOP1, met(loo >= TARGET_CARD_TOP1));
                }
            }
        }
    }

    private static String met(boolean ok) {
        return ok ? "met" : "NOT met";
    }
}
