package dev.partnerbot.core.interpret;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style sentence encoder run in-process on ONNX Runtime. The model weights and
 * tokenizer are read from the classpath (they ship as Maven artifacts), so nothing is
 * downloaded at run time. Texts are encoded as one padded batch per call, with a single
 * intra-op thread per session so that concurrent callers scale across cores.
 */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    /** How token vectors become one sentence vector. */
    public enum Pooling {
        /** Average of the token vectors (sentence-transformers models). */
        MEAN,
        /** The first token's vector (BGE models). */
        CLS,
        /** Each of mean, CLS and element-wise max, normalised and concatenated: richer input for a classifier. */
        ALL
    }

    /** English: quantized all-MiniLM-L6-v2. */
    public static OnnxSentenceEncoder english() {
        return fromClasspath("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 256);
    }

    /** Chinese (and mixed text written mostly in Chinese): quantized bge-small-zh-v1.5. */
    public static OnnxSentenceEncoder chinese() {
        return fromClasspath("bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", Pooling.CLS, 256);
    }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean needsTypeIds;
    private final int dimension;

    private OnnxSentenceEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer,
                                Pooling pooling) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.needsTypeIds = session.getInputNames().contains("token_type_ids");
        this.dimension = encode(List.of("dimension probe"))[0].length;
    }

    public static OnnxSentenceEncoder fromClasspath(String modelResource, String tokenizerResource, Pooling pooling,
                                                    int maxTokens) {
        try {
            byte[] model = read(modelResource);
            Map<String, String> options = new HashMap<>();
            options.put("padding", "LONGEST");
            options.put("truncation", "true");
            options.put("maxLength", String.valueOf(maxTokens));
            HuggingFaceTokenizer tokenizer;
            try (InputStream in = open(tokenizerResource)) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, options);
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(1);
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.setCPUArenaAllocator(false);
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            OrtSession session = env.createSession(model, sessionOptions);
            return new OnnxSentenceEncoder(env, session, tokenizer, pooling);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load embedding model " + modelResource, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start ONNX Runtime for " + modelResource, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource not on the classpath: " + resource);
        }
        return in;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        }
    }

    @Override
    public float[][] encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * length, length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * length, length);
        }
        long[] shape = {batch, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[batch][];
                for (int i = 0; i < batch; i++) {
                    out[i] = normalise(pool(hidden[i], mask, i * length, length));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, long[] mask, int offset, int length) {
        if (pooling == Pooling.CLS) {
            return tokens[0].clone();
        }
        if (pooling == Pooling.ALL) {
            int d = tokens[0].length;
            float[] mean = normalise(mean(tokens, mask, offset, length));
            float[] cls = normalise(tokens[0].clone());
            float[] max = new float[d];
            java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
            for (int t = 0; t < length; t++) {
                if (mask[offset + t] != 0) {
                    for (int i = 0; i < d; i++) {
                        max[i] = Math.max(max[i], tokens[t][i]);
                    }
                }
            }
            normalise(max);
            float[] all = new float[3 * d];
            System.arraycopy(mean, 0, all, 0, d);
            System.arraycopy(cls, 0, all, d, d);
            System.arraycopy(max, 0, all, 2 * d, d);
            return all;
        }
        return mean(tokens, mask, offset, length);
    }

    private static float[] mean(float[][] tokens, long[] mask, int offset, int length) {
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < length; t++) {
            if (mask[offset + t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(count, 1);
        }
        return sum;
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
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
