package dev.partnerbot.core.interpret;

import java.util.ArrayList;
import java.util.List;

/** Builds classifier features: sentence embedding plus weighted n-grams, batched through the encoder. */
final class Featurizer {
    static final float NGRAM_WEIGHT = 1.0f;
    private static final int BATCH = 32;

    private final SentenceEncoder encoder;

    Featurizer(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    int dimension() {
        return encoder.dimension();
    }

    List<Features> features(List<String> texts) {
        List<Features> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            float[][] embeddings = encoder.encode(batch);
            for (int i = 0; i < batch.size(); i++) {
                Features grams = Ngrams.sparse(batch.get(i), NGRAM_WEIGHT);
                out.add(new Features(embeddings[i], grams.sparseIndex(), grams.sparseValue()));
            }
        }
        return out;
    }

    void close() {
        encoder.close();
    }
}
