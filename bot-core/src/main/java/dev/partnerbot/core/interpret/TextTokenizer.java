package dev.partnerbot.core.interpret;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text to WordPiece token ids for one language's encoder, exactly as the encoder saw them in training:
 * the training pipeline ({@code training/}) takes its token ids from this class, so run time and training
 * cannot drift apart. Before tokenizing, text is normalised: Unicode NFKC (full-width letters, digits and
 * punctuation to their plain forms), curly quotes to straight ones, and lower case, because the Chinese
 * model's vocabulary is lower-case only and would read "PPT" or "CMO" as unknown tokens. At most
 * {@code maxTokens} ids per text, {@code [CLS]} and {@code [SEP]} included. Thread-safe.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private TextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The tokenizer in {@code resource} (a Hugging Face {@code tokenizer.json} on the classpath). */
    public static TextTokenizer fromClasspath(String resource, int maxTokens) {
        Map<String, String> options = new HashMap<>();
        options.put("padding", "LONGEST");
        options.put("truncation", "true");
        options.put("maxLength", String.valueOf(maxTokens));
        try (InputStream in = TextTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource not on the classpath: " + resource);
            }
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + resource, e);
        }
    }

    /** The normal form every text takes before it is tokenized. */
    public static String normalise(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        t = t.replace('\u201c', '"').replace('\u201d', '"').replace('\u2018', '\'').replace('\u2019', '\'');
        return t.toLowerCase(Locale.ROOT);
    }

    /** One padded batch: every encoding has the length of the longest text. */
    Encoding[] batch(List<String> texts) {
        return tokenizer.batchEncode(texts.stream().map(TextTokenizer::normalise).toList());
    }

    /** The token ids of one text, unpadded. */
    public long[] ids(String text) {
        return tokenizer.encode(normalise(text)).getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
