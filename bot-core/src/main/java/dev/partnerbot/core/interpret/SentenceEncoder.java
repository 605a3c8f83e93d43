package dev.partnerbot.core.interpret;

import java.util.List;

/** Turns sentences into unit-length embedding vectors; one model per language. */
public interface SentenceEncoder extends AutoCloseable {

    /** Embeds all texts in one model run; the result has one L2-normalised vector per text. */
    float[][] encode(List<String> texts);

    int dimension();

    @Override
    void close();
}
