package dev.partnerbot.core.interpret;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One language's reader: the encoder fine-tuned by the project's training pipeline ({@code training/}),
 * with its multi-label head, run in-process on ONNX Runtime as one int8 model. For a batch of texts it
 * gives each text's sentence embedding (L2-normalised, 384 dimensions for English, 512 for Chinese) and
 * its class probabilities (the eleven behaviours in {@link Behaviour} order, then "not about a client",
 * each in [0, 1], independent sigmoids). The decision thresholds and the model card (base encoder, data
 * hash, settings, cross-validated metrics) come from {@code model/reader-<lang>.json}, written by the same
 * training run. Thread-safe; one intra-op thread per session so that concurrent callers use all cores.
 */
public final class ReaderModel implements SentenceEncoder {
    /** Index of "not about a client" in the probabilities. */
    public static final int OUT_OF_SCOPE = Behaviour.values().length;
    public static final int CLASSES = OUT_OF_SCOPE + 1;
    static final int MAX_TOKENS = 256;

    /**
     * Embedding and class probabilities of one text, and the probability of each situation card
     * ({@link #situationIds()} order; empty when the reader has no situation head).
     */
    public record Reading(float[] embedding, double[] probabilities, double[] situations) {
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final TextTokenizer tokenizer;
    private final double[] thresholds;
    private final JsonNode card;
    private final String onnxSha256;
    private final int dimension;
    private final List<String> situationIds;

    private ReaderModel(OrtEnvironment environment, OrtSession session, TextTokenizer tokenizer, JsonNode card,
                        String onnxSha256) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.card = card;
        this.onnxSha256 = onnxSha256;
        List<String> ids = new java.util.ArrayList<>();
        card.path("situations").forEach(n -> ids.add(n.asText()));
        this.situationIds = List.copyOf(ids);
        this.thresholds = new double[CLASSES];
        Behaviour[] behaviours = Behaviour.values();
        for (int c = 0; c < CLASSES; c++) {
            String id = c < OUT_OF_SCOPE ? behaviours[c].id() : "out_of_scope";
            if (!card.path("classes").path(c).asText().equals(id)) {
                throw new IllegalStateException("model card classes do not match the behaviours at " + c + ": " + id);
            }
            thresholds[c] = card.path("thresholds").path(id).asDouble(0.5);
        }
        this.dimension = read(List.of("dimension probe"))[0].embedding().length;
    }

    /**
     * The shipped reader of a language: {@code model/reader-<code>.onnx} and its card, with that model's tokenizer
     * (English: the all-MiniLM-L6-v2 tokenizer, whose vocabulary and normalisation bge-small-en-v1.5, the
     * English reader's base, shares; the pipeline writes its training ids with the same tokenizer).
     */
    public static ReaderModel of(Language language) {
        String tokenizer = language == Language.ZH ? "bge-small-zh-v1.5-q-tokenizer.json" : "all-minilm-l6-v2-q-tokenizer.json";
        return fromClasspath("model/reader-" + language.code(), tokenizer);
    }

    static ReaderModel fromClasspath(String base, String tokenizerResource) {
        try {
            byte[] model = bytes(base + ".onnx");
            JsonNode card = new ObjectMapper().readTree(bytes(base + ".json"));
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setCPUArenaAllocator(false);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            OrtSession session = env.createSession(model, options);
            return new ReaderModel(env, session, TextTokenizer.fromClasspath(tokenizerResource, MAX_TOKENS), card,
                    sha256(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the reader " + base, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start ONNX Runtime for " + base, e);
        }
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ReaderModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource not on the classpath: " + resource);
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Embeddings and probabilities of all texts, in one padded model run. */
    public Reading[] read(List<String> texts) {
        if (texts.isEmpty()) {
            return new Reading[0];
        }
        Encoding[] encodings = tokenizer.batch(texts);
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
        }
        long[] shape = {batch, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor))) {
            float[][] embeddings = (float[][]) result.get("embedding").orElseThrow().getValue();
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            float[][] situations = situationIds.isEmpty() ? null
                    : (float[][]) result.get("situations").orElseThrow().getValue();
            Reading[] out = new Reading[batch];
            for (int i = 0; i < batch; i++) {
                double[] p = new double[CLASSES];
                for (int c = 0; c < CLASSES; c++) {
                    p[c] = probabilities[i][c];
                }
                double[] sit = new double[situationIds.size()];
                for (int k = 0; k < sit.length; k++) {
                    sit[k] = situations[i][k];
                }
                out[i] = new Reading(embeddings[i], p, sit);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("reading failed", e);
        }
    }

    @Override
    public float[][] encode(List<String> texts) {
        Reading[] readings = read(texts);
        float[][] out = new float[readings.length][];
        for (int i = 0; i < readings.length; i++) {
            out[i] = readings[i].embedding();
        }
        return out;
    }

    /** Per-class decision thresholds, chosen by the training pipeline on out-of-fold probabilities. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The situation cards the reader's situation head was trained on ({@code <behaviour>/<card id>}); empty without one. */
    public List<String> situationIds() {
        return situationIds;
    }

    /** The model card written by the training run (JSON). */
    public JsonNode card() {
        return card;
    }

    /** SHA-256 of the loaded ONNX file, hex. */
    public String onnxSha256() {
        return onnxSha256;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees native memory; nothing to recover
        }
        tokenizer.close();
    }
}
