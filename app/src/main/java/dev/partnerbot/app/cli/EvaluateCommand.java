package dev.partnerbot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerbot.core.interpret.Corpus;
import dev.partnerbot.core.interpret.Evaluation;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./partnerbot evaluate}: k-fold cross-validation of the interpreter on the team's corpus. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Accuracy of the interpreter on the project's labelled data (k-fold cross-validation):",
            "per-behaviour precision, recall, F1, macro and micro averages, out-of-scope accuracy,",
            "top confusions; misclassified messages are written to a file."})
public final class EvaluateCommand implements Callable<Integer> {
    static final double TARGET_MACRO_F1 = 0.90;
    static final double TARGET_OUT_OF_SCOPE = 0.95;

    @Option(names = "--folds", defaultValue = "5", description = "number of folds (default ${DEFAULT-VALUE}), e.g. --folds 10")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "shuffle seed (default ${DEFAULT-VALUE}), e.g. --seed 7")
    long seed;

    @Option(names = "--out", defaultValue = "data/evaluation",
            description = "folder for misclassified.jsonl (default ${DEFAULT-VALUE}), e.g. --out /tmp/eval")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (folds < 2) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--folds must be at least 2");
        }
        long start = System.nanoTime();
        List<Evaluation.LanguageReport> reports = Evaluation.crossValidate(Corpus.load(), folds, seed);
        Files.createDirectories(out);
        Path file = out.resolve("misclassified.jsonl");
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Evaluation.LanguageReport r : reports) {
                System.out.println(Evaluation.format(r, 10));
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
        System.out.printf(Locale.ROOT, "%d-fold cross-validation, seed %d, %.0f s; misclassified messages: %s%n",
                folds, seed, (System.nanoTime() - start) / 1e9, file);
        for (Evaluation.LanguageReport r : reports) {
            System.out.printf(Locale.ROOT, "target %s: macro-F1 %.3f (target %.2f: %s), out-of-scope accuracy %.3f (target %.2f: %s)%n",
                    r.language().code(), r.macroF1(), TARGET_MACRO_F1, r.macroF1() >= TARGET_MACRO_F1 ? "met" : "NOT met",
                    r.outOfScopeAccuracy(), TARGET_OUT_OF_SCOPE,
                    r.outOfScopeAccuracy() >= TARGET_OUT_OF_SCOPE ? "met" : "NOT met");
        }
        return 0;
    }
}
