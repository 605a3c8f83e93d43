package dev.partnerbot.core.advice;

import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Chooses the situation card for a message. When the reader has a situation head (trained by the
 * pipeline on situation messages written for each card), its probabilities rank the cards. Otherwise, by
 * meaning: the message is compared with every example
 * message of the candidate cards, in the reader's embedding space (cosine of unit vectors) blended with
 * a lexical similarity (TF-IDF cosine over words and word pairs in English, character pairs in Chinese,
 * which catches the situation's own nouns: invoice, retainer, 尾款, 比稿). A card scores the mean of its
 * two best examples. Candidates are the cards of the leading behaviour; when further behaviours were
 * read, cards made for that pairing (their {@code also}) get a bonus, and the paired cards of the other
 * behaviours that name the leading one join in. Thread-safe after construction.
 */
public final class CardChooser {
    /** Weight of the embedding similarity; the rest is lexical. Chosen by leave-one-out on the cards' examples. */
    static final double EMBEDDING_WEIGHT = 0.6;
    /** Added to a card that answers every further behaviour read. */
    static final double PAIRING_BONUS = 0.15;
    /**
     * Below this share of the candidates' situation probability, the nearest card is too uncertain to answer
     * with and the behaviour's general card leads (when the cards have one). Chosen from the situation head's
     * calibration on the cards' own examples, which it never trained on ({@code ./partnerbot evaluate}): below
     * a share of 0.4 its choice was right for 0.42 (English, bge reader of round 5; 0.45 with the MiniLM reader of
     * round 4) and 0.40 (Chinese) of them; above, for 0.92 and 0.90.
     * Measured on reviewed messages in docs/advice.md.
     */
    public static final double UNCERTAIN_SHARE = 0.4;
    /**
     * When the leading behaviour's situation is uncertain, a further behaviour read whose nearest card holds at
     * least this share of that behaviour's situation probability answers instead of the general card: the
     * message makes that situation clear. From the same calibration: at a share of 0.6 or more the head's
     * choice was right for 0.96 of the cards' examples in both languages (readers of round 5).
     */
    public static final double FURTHER_BEHAVIOUR_SHARE = 0.6;

    /** A ranked card with its score (higher is nearer). */
    public record Ranked(SituationCards.Card card, double score) {
    }

    private final Language language;
    private final double embeddingWeight;
    private final SituationCards cards;
    private final Map<SituationCards.Card, float[][]> exampleEmbeddings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<SituationCards.Card, List<Map<String, Double>>> exampleTerms = new HashMap<>();
    private final Map<String, Double> idf = new HashMap<>();

    /**
     * @param embed the reader's sentence embeddings (unit vectors), called once per card here, or null to
     *              choose by words alone
     */
    public CardChooser(SituationCards cards, Function<List<String>, float[][]> embed) {
        this(cards, embed, EMBEDDING_WEIGHT);
    }

    /** As above, with another weight of the embedding similarity in [0, 1] (for measuring the choice). */
    public CardChooser(SituationCards cards, Function<List<String>, float[][]> embed, double embeddingWeight) {
        this.embeddingWeight = embeddingWeight;
        this.language = cards.language();
        this.cards = cards;
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (SituationCards.Card c : cards.all()) {
            for (String e : c.examples()) {
                counts.add(terms(e, language));
            }
        }
        Map<String, Integer> df = new HashMap<>();
        counts.forEach(m -> m.keySet().forEach(t -> df.merge(t, 1, Integer::sum)));
        df.forEach((t, n) -> idf.put(t, Math.log((1.0 + counts.size()) / (1.0 + n)) + 1));
        for (SituationCards.Card c : cards.all()) {
            exampleTerms.put(c, c.examples().stream().map(this::weighted).toList());
        }
        this.embed = embed;
    }

    private final Function<List<String>, float[][]> embed;
    private volatile boolean embedded;

    /**
     * The examples' embeddings, computed on first need: with a situation head covering every card they are
     * never needed, and start-up stays free of some 700 extra model runs per language.
     */
    private void ensureEmbedded() {
        if (embedded || embed == null) {
            return;
        }
        synchronized (exampleEmbeddings) {
            if (!embedded) {
                for (SituationCards.Card c : cards.all()) {
                    exampleEmbeddings.put(c, embed.apply(c.examples()));
                }
                embedded = true;
            }
        }
    }

    /**
     * Cards for a message, nearest first.
     *
     * @param embedding the message's unit embedding from the same reader, or empty to use words alone
     */
    public List<Ranked> rank(List<Behaviour> read, float[] embedding, String text) {
        return rank(read, embedding, text, java.util.Map.of());
    }

    /**
     * Cards for a message, nearest first. With the reader's situation probabilities ({@code situations},
     * qualified card id to probability), a card's score is its probability, and cards the situation head does
     * not know (added after the reader was trained) are scored by similarity scaled under every known one.
     * When the nearest card holds less than {@link #UNCERTAIN_SHARE} of the candidates' situation probability
     * and the cards have general cards, the leading behaviour's general card comes first, scored as the nearest;
     * ahead of it, the nearest card of a further behaviour read whose situation is clear
     * ({@link #FURTHER_BEHAVIOUR_SHARE}).
     */
    public List<Ranked> rank(List<Behaviour> read, float[] embedding, String text, java.util.Map<String, Double> situations) {
        Behaviour lead = read.get(0);
        List<Behaviour> others = read.subList(1, read.size());
        List<SituationCards.Card> candidates = new ArrayList<>(cards.of(lead));
        for (Behaviour o : others) {
            cards.of(o).stream().filter(c -> c.also().contains(lead)).forEach(candidates::add);
        }
        boolean head = candidates.stream().anyMatch(c -> situations.containsKey(c.qualifiedId()));
        // The words of the message are weighed only when some candidate needs the similarity fallback.
        boolean similarityNeeded = candidates.stream().anyMatch(c -> !situations.containsKey(c.qualifiedId()));
        Map<String, Double> terms = text == null || !similarityNeeded ? Map.of() : weighted(text);
        List<Ranked> out = new ArrayList<>();
        for (SituationCards.Card c : candidates) {
            Double p = situations.get(c.qualifiedId());
            double s = head ? (p != null ? 1 + p : similarity(c, embedding, terms, -1) * 0.5)
                    : similarity(c, embedding, terms, -1);
            if (!others.isEmpty() && others.stream().allMatch(c::answers)) {
                s += PAIRING_BONUS;
            }
            out.add(new Ranked(c, s));
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed());
        if (head && !out.isEmpty()) {
            double total = candidates.stream().mapToDouble(c -> situations.getOrDefault(c.qualifiedId(), 0.0)).sum();
            double nearest = situations.getOrDefault(out.get(0).card().qualifiedId(), 0.0);
            var general = cards.general(lead);
            if (general.isPresent() && total > 0 && nearest / total < UNCERTAIN_SHARE) {
                out.add(0, new Ranked(general.get(), out.get(0).score()));
                clearerFurther(others, situations).ifPresent(c -> {
                    out.removeIf(r -> r.card().equals(c));
                    out.add(0, new Ranked(c, out.get(0).score()));
                });
            }
        }
        return out;
    }

    /**
     * The nearest card of the first further behaviour (in the order read) whose own situation is clear: it holds
     * at least {@link #FURTHER_BEHAVIOUR_SHARE} of that behaviour's situation probability.
     */
    private java.util.Optional<SituationCards.Card> clearerFurther(List<Behaviour> others, Map<String, Double> situations) {
        for (Behaviour o : others) {
            SituationCards.Card best = null;
            double total = 0;
            for (SituationCards.Card c : cards.of(o)) {
                double p = situations.getOrDefault(c.qualifiedId(), 0.0);
                total += p;
                if (best == null || p > situations.getOrDefault(best.qualifiedId(), 0.0)) {
                    best = c;
                }
            }
            if (best != null && total > 0 && situations.getOrDefault(best.qualifiedId(), 0.0) / total >= FURTHER_BEHAVIOUR_SHARE) {
                return java.util.Optional.of(best);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Similarity of a message to a card: the mean of its two best examples; {@code skip} leaves one of
     * the card's own examples out (for leave-one-out measurement), -1 for none.
     */
    double similarity(SituationCards.Card c, float[] embedding, Map<String, Double> terms, int skip) {
        if (embedding != null && embedding.length > 0) {
            ensureEmbedded();
        }
        float[][] emb = exampleEmbeddings.get(c);
        List<Map<String, Double>> lex = exampleTerms.get(c);
        double best = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        boolean useEmbedding = emb != null && embedding != null && embedding.length > 0;
        for (int i = 0; i < lex.size(); i++) {
            if (i == skip) {
                continue;
            }
            double s = cosine(terms, lex.get(i));
            if (useEmbedding) {
                s = embeddingWeight * dot(embedding, emb[i]) + (1 - embeddingWeight) * s;
            }
            if (s > best) {
                second = best;
                best = s;
            } else if (s > second) {
                second = s;
            }
        }
        return second == Double.NEGATIVE_INFINITY ? best : (best + second) / 2;
    }

    /**
     * Leave-one-out top-1 accuracy over the cards' own examples: each example, with itself removed from
     * its card, is matched against the cards of its behaviour. Shape: accuracy in [0, 1].
     */
    public double leaveOneOutAccuracy() {
        ensureEmbedded();
        int right = 0;
        int total = 0;
        for (Behaviour b : Behaviour.values()) {
            List<SituationCards.Card> same = cards.of(b);
            for (SituationCards.Card c : same) {
                for (int i = 0; i < c.examples().size(); i++) {
                    float[] e = exampleEmbeddings.containsKey(c) ? exampleEmbeddings.get(c)[i] : null;
                    Map<String, Double> t = exampleTerms.get(c).get(i);
                    SituationCards.Card best = null;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (SituationCards.Card other : same) {
                        double s = similarity(other, e, t, other == c ? i : -1);
                        if (s > bestScore) {
                            bestScore = s;
                            best = other;
                        }
                    }
                    right += best == c ? 1 : 0;
                    total++;
                }
            }
        }
        return total == 0 ? 0 : right / (double) total;
    }

    private Map<String, Double> weighted(String text) {
        Map<String, Double> w = new HashMap<>();
        double norm = 0;
        for (var e : terms(text, language).entrySet()) {
            double v = (1 + Math.log(e.getValue())) * idf.getOrDefault(e.getKey(), Math.log(1.0 + idf.size()) + 1);
            w.put(e.getKey(), v);
            norm += v * v;
        }
        double n = Math.sqrt(norm);
        if (n > 0) {
            w.replaceAll((k, v) -> v / n);
        }
        return w;
    }

    static Map<String, Integer> terms(String text, Language language) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Map<String, Integer> out = new HashMap<>();
        if (language == Language.ZH) {
            int[] cps = t.codePoints().filter(Character::isLetterOrDigit).toArray();
            for (int i = 0; i + 1 < cps.length; i++) {
                out.merge(new String(cps, i, 2), 1, Integer::sum);
            }
            for (String w : t.split("[^a-z0-9%]+")) {
                if (w.length() > 1) {
                    out.merge(w, 1, Integer::sum);
                }
            }
        } else {
            String[] words = t.split("[^\\p{L}\\p{N}%']+");
            String prev = null;
            for (String w : words) {
                if (w.isEmpty()) {
                    continue;
                }
                String stem = w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
                out.merge(stem, 1, Integer::sum);
                if (prev != null) {
                    out.merge(prev + " " + stem, 1, Integer::sum);
                }
                prev = stem;
            }
        }
        return out;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double s = 0;
        for (var e : small.entrySet()) {
            Double v = large.get(e.getKey());
            if (v != null) {
                s += e.getValue() * v;
            }
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
