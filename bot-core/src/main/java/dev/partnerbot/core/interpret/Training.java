package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the behaviour classifiers from the labelled corpus. The build runs {@link #main} so
 * that the application ships trained models and starts without re-embedding the corpus.
 */
public final class Training {
    static final long SEED = 20261127L;
    static final int THRESHOLD_FOLDS = 4;

    private Training() {
    }

    static BehaviourModel train(List<LabelledMessage> examples, Featurizer featurizer) {
        List<Features> xs = featurizer.features(examples.stream().map(LabelledMessage::text).toList());
        return train(xs, examples.stream().map(LabelledMessage::labels).toList(), featurizer.dimension());
    }

    static BehaviourModel train(List<Features> xs, List<Set<Behaviour>> labels, int dimension) {
        return BehaviourModel.train(xs, labels, dimension, LogisticRegression.Hyper.DEFAULT, THRESHOLD_FOLDS, SEED);
    }

    /** Writes {@code model/en.bin} and {@code model/zh.bin} under the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Training OUTPUT_DIRECTORY");
        }
        Path out = Path.of(args[0]).resolve("model");
        Files.createDirectories(out);
        Corpus corpus = Corpus.load();
        Map<Language, Featurizer> featurizers = Interpreter.encoders();
        try {
            for (Language language : Language.values()) {
                long start = System.nanoTime();
                Featurizer featurizer = featurizers.get(language);
                List<LabelledMessage> examples = corpus.in(language);
                BehaviourModel model = train(examples, featurizer);
                try (OutputStream file = Files.newOutputStream(out.resolve(language.code() + ".bin"))) {
                    model.write(file, featurizer.dimension());
                }
                System.out.printf("trained %s classifier on %d messages in %d ms%n", language.code(), examples.size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } finally {
            featurizers.values().forEach(Featurizer::close);
        }
    }
}
