package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message about a client: detects its language, embeds it together with its clauses
 * in one batch, classifies it with the language's trained model and picks the clauses that
 * best support each behaviour as cues. Thread-safe.
 */
public final class Interpreter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Interpreter.class);
    static final String MODEL_RESOURCE = "model/%s.bin";

    private final Map<Language, Featurizer> featurizers;
    private final Map<Language, BehaviourModel> models;
    /** Runs the clause batch beside the message run, so the two model runs overlap on two cores. */
    private final java.util.concurrent.ExecutorService clauseRuns;

    Interpreter(Map<Language, Featurizer> featurizers, Map<Language, BehaviourModel> models) {
        this.featurizers = featurizers;
        this.models = models;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.clauseRuns = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "clause-embedding-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Loads both embedding models and the classifiers trained at build time. */
    public static Interpreter load() {
        long start = System.nanoTime();
        Map<Language, Featurizer> featurizers = encoders();
        Map<Language, BehaviourModel> models = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String resource = String.format(MODEL_RESOURCE, language.code());
            try (InputStream in = Interpreter.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    log.warn("no trained model {} on the classpath; training from the corpus now", resource);
                    models.put(language, Training.train(Corpus.load().in(language), featurizers.get(language)));
                } else {
                    models.put(language, BehaviourModel.read(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        log.info("interpreter loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        return new Interpreter(featurizers, models);
    }

    /** Both languages' encoders, loaded side by side (start-up time is mostly model loading). */
    static Map<Language, Featurizer> encoders() {
        java.util.concurrent.CompletableFuture<OnnxSentenceEncoder> chinese =
                java.util.concurrent.CompletableFuture.supplyAsync(OnnxSentenceEncoder::chinese);
        OnnxSentenceEncoder english = OnnxSentenceEncoder.english();
        Map<Language, Featurizer> featurizers = new EnumMap<>(Language.class);
        featurizers.put(Language.EN, new Featurizer(english));
        featurizers.put(Language.ZH, new Featurizer(chinese.join()));
        return featurizers;
    }

    public Interpretation interpret(String text) {
        Language language = LanguageDetector.detect(text);
        Featurizer featurizer = featurizers.get(language);
        BehaviourModel model = models.get(language);
        // Clauses go in a batch of their own: padded to the longest clause rather than to the
        // whole message, they cost about one more run of the message instead of one per clause.
        // That run starts at once, beside the message's own, and is only waited for (and only
        // useful) when the message shows a behaviour.
        List<String> clauses = Clauses.of(text);
        java.util.concurrent.Future<List<Features>> clauseFeatures = clauses.size() > 1
                ? clauseRuns.submit(() -> featurizer.features(clauses))
                : java.util.concurrent.CompletableFuture.completedFuture(List.of());
        double[] p = model.probabilities(featurizer.features(List.of(text)).get(0));
        List<Integer> seen = Decision.behaviours(p, model.thresholds);
        if (seen.isEmpty()) {
            clauseFeatures.cancel(false);
            return new Interpretation(language, List.of(), Optional.empty());
        }
        List<Features> parts = await(clauseFeatures);

        List<Interpretation.Reading> readings = new ArrayList<>();
        for (int c : seen) {
            readings.add(new Interpretation.Reading(Behaviour.values()[c], round(p[c]),
                    cues(c, text, clauses, parts, model)));
        }
        int runnerUp = Decision.ambiguousWith(p, seen);
        Optional<Interpretation.Ambiguity> ambiguity = runnerUp < 0 ? Optional.empty()
                : Optional.of(new Interpretation.Ambiguity(Behaviour.values()[seen.get(0)], Behaviour.values()[runnerUp]));
        return new Interpretation(language, readings, ambiguity);
    }

    private static List<Features> await(java.util.concurrent.Future<List<Features>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding clauses", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("clause embedding failed", e.getCause());
        }
    }

    /** The clause (or two) whose own probability for the class is highest; the whole message when it is one clause. */
    private static List<String> cues(int c, String text, List<String> clauses, List<Features> clauseFeatures,
                                     BehaviourModel model) {
        if (clauses.size() <= 1) {
            return List.of(shorten(text));
        }
        int best = -1;
        int second = -1;
        double[] score = new double[clauses.size()];
        for (int i = 0; i < clauses.size(); i++) {
            score[i] = model.classes[c].probability(clauseFeatures.get(i));
            if (best < 0 || score[i] > score[best]) {
                second = best;
                best = i;
            } else if (second < 0 || score[i] > score[second]) {
                second = i;
            }
        }
        List<String> cues = new ArrayList<>();
        cues.add(shorten(clauses.get(best)));
        if (second >= 0 && score[second] >= model.thresholds[c] && score[second] >= 0.5) {
            cues.add(shorten(clauses.get(second)));
        }
        return cues;
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.codePointCount(0, t.length()) <= 120 ? t : t.substring(0, t.offsetByCodePoints(0, 117)) + "...";
    }

    private static double round(double p) {
        return Math.round(p * 100) / 100.0;
    }

    @Override
    public void close() {
        clauseRuns.shutdownNow();
        featurizers.values().forEach(f -> f.close());
    }
}
