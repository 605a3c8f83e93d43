package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message about a client: detects its language, runs the language's fine-tuned reader
 * ({@link ReaderModel}) on the message and, in a batch of their own beside it, on its clauses; decides
 * the behaviours from the class probabilities and the trained thresholds ({@link Decision}), and picks
 * the clauses that best support each behaviour as cues. Thread-safe.
 */
public final class Interpreter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Interpreter.class);

    private final Map<Language, ReaderModel> readers;
    /** Runs the clause batch beside the message run, so the two model runs overlap on two cores. */
    private final ExecutorService clauseRuns;

    Interpreter(Map<Language, ReaderModel> readers) {
        this.readers = readers;
        AtomicInteger n = new AtomicInteger();
        this.clauseRuns = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "clause-reading-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads both languages' readers, side by side (start-up time is mostly model loading). */
    public static Interpreter load() {
        long start = System.nanoTime();
        CompletableFuture<ReaderModel> chinese = CompletableFuture.supplyAsync(() -> ReaderModel.of(Language.ZH));
        Map<Language, ReaderModel> readers = new EnumMap<>(Language.class);
        readers.put(Language.EN, ReaderModel.of(Language.EN));
        readers.put(Language.ZH, chinese.join());
        log.info("interpreter loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        return new Interpreter(readers);
    }

    /** The reader of a language (for evaluation and situation cards). */
    public ReaderModel reader(Language language) {
        return readers.get(language);
    }

    public Interpretation interpret(String text) {
        Language language = LanguageDetector.detect(text);
        ReaderModel reader = readers.get(language);
        // Clauses go in a batch of their own: padded to the longest clause rather than to the whole
        // message, they cost about one more run of the message. That run starts at once, beside the
        // message's own, and is only waited for (and only useful) when the message shows a behaviour.
        List<String> clauses = Clauses.of(text);
        Future<ReaderModel.Reading[]> clauseReadings = clauses.size() > 1
                ? clauseRuns.submit(() -> reader.read(clauses))
                : CompletableFuture.completedFuture(new ReaderModel.Reading[0]);
        ReaderModel.Reading whole = reader.read(List.of(text))[0];
        double[] p = whole.probabilities();
        double[] thresholds = reader.thresholds();
        List<Integer> seen = Decision.behaviours(p, thresholds);
        java.util.Map<String, Double> situations = new java.util.HashMap<>();
        List<String> ids = reader.situationIds();
        for (int k = 0; k < ids.size(); k++) {
            situations.put(ids.get(k), whole.situations()[k]);
        }
        if (seen.isEmpty()) {
            clauseReadings.cancel(false);
            return new Interpretation(language, List.of(), Optional.empty(), whole.embedding(), situations);
        }
        ReaderModel.Reading[] parts = await(clauseReadings);

        List<Interpretation.Reading> readings = new ArrayList<>();
        for (int c : seen) {
            readings.add(new Interpretation.Reading(Behaviour.values()[c], round(p[c]),
                    cues(c, text, clauses, parts, thresholds)));
        }
        int runnerUp = Decision.ambiguousWith(p, seen);
        Optional<Interpretation.Ambiguity> ambiguity = runnerUp < 0 ? Optional.empty()
                : Optional.of(new Interpretation.Ambiguity(Behaviour.values()[seen.get(0)], Behaviour.values()[runnerUp]));
        return new Interpretation(language, readings, ambiguity, whole.embedding(), situations);
    }

    private static ReaderModel.Reading[] await(Future<ReaderModel.Reading[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading clauses", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("clause reading failed", e.getCause());
        }
    }

    /** The clause (or two) whose own probability for the class is highest; the whole message when it is one clause. */
    private static List<String> cues(int c, String text, List<String> clauses, ReaderModel.Reading[] parts,
                                     double[] thresholds) {
        if (clauses.size() <= 1) {
            return List.of(shorten(text));
        }
        int best = -1;
        int second = -1;
        for (int i = 0; i < clauses.size(); i++) {
            double s = parts[i].probabilities()[c];
            if (best < 0 || s > parts[best].probabilities()[c]) {
                second = best;
                best = i;
            } else if (second < 0 || s > parts[second].probabilities()[c]) {
                second = i;
            }
        }
        List<String> cues = new ArrayList<>();
        cues.add(shorten(clauses.get(best)));
        double s2 = second < 0 ? 0 : parts[second].probabilities()[c];
        if (second >= 0 && s2 >= thresholds[c] && s2 >= 0.5) {
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
        readers.values().forEach(ReaderModel::close);
    }
}
