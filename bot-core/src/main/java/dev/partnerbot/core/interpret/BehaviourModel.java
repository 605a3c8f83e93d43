package dev.partnerbot.core.interpret;

import dev.partnerbot.core.Behaviour;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The trained classifier of one language: one-vs-rest logistic regressions for the eleven
 * behaviours plus an explicit "not about a client" class, each with its own decision
 * threshold chosen by cross-validation.
 */
final class BehaviourModel {
    /** Index of the "not about a client" class, after the behaviours. */
    static final int OUT_OF_SCOPE = Behaviour.values().length;
    static final int CLASSES = OUT_OF_SCOPE + 1;
    private static final int MAGIC = 0x50424d31; // "PBM1"

    final LogisticRegression[] classes;
    final double[] thresholds;

    BehaviourModel(LogisticRegression[] classes, double[] thresholds) {
        this.classes = classes;
        this.thresholds = thresholds;
    }

    double[] probabilities(Features x) {
        double[] p = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            p[c] = classes[c].probability(x);
        }
        return p;
    }

    static boolean[] targets(List<Set<Behaviour>> labels, int c) {
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c == OUT_OF_SCOPE ? labels.get(i).isEmpty() : labels.get(i).contains(Behaviour.values()[c]);
        }
        return y;
    }

    /** Trains all classes, choosing each threshold on out-of-fold probabilities from {@code folds}-fold CV. */
    static BehaviourModel train(List<Features> xs, List<Set<Behaviour>> labels, int dimension,
                                LogisticRegression.Hyper hyper, int folds, long seed) {
        double[][] oof = outOfFold(xs, labels, dimension, hyper, folds, seed);
        double[] thresholds = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            thresholds[c] = bestThreshold(oof, targets(labels, c), c);
        }
        LogisticRegression[] models = new LogisticRegression[CLASSES];
        java.util.stream.IntStream.range(0, CLASSES).parallel().forEach(c ->
                models[c] = LogisticRegression.train(xs, targets(labels, c), dimension, hyper));
        return new BehaviourModel(models, thresholds);
    }

    /** Probabilities for every example from models that never saw it. */
    static double[][] outOfFold(List<Features> xs, List<Set<Behaviour>> labels, int dimension,
                                LogisticRegression.Hyper hyper, int folds, long seed) {
        int[] fold = assignFolds(xs.size(), folds, seed);
        double[][] oof = new double[xs.size()][CLASSES];
        for (int f = 0; f < folds; f++) {
            List<Features> trainX = outsideFold(xs, fold, f);
            List<Set<Behaviour>> trainY = outsideFold(labels, fold, f);
            int current = f;
            java.util.stream.IntStream.range(0, CLASSES).parallel().forEach(c -> {
                LogisticRegression m = LogisticRegression.train(trainX, targets(trainY, c), dimension, hyper);
                for (int i = 0; i < xs.size(); i++) {
                    if (fold[i] == current) {
                        oof[i][c] = m.probability(xs.get(i));
                    }
                }
            });
        }
        return oof;
    }

    /** The items not in fold {@code f}: the training part of that fold. */
    static <T> List<T> outsideFold(List<T> items, int[] fold, int f) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (fold[i] != f) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    static int[] assignFolds(int n, int folds, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        return fold;
    }

    private static double bestThreshold(double[][] p, boolean[] y, int c) {
        double best = 0.5;
        double bestF1 = -1;
        for (double t = 0.15; t <= 0.851; t += 0.025) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < y.length; i++) {
                boolean predicted = p[i][c] >= t;
                if (predicted && y[i]) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (y[i]) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF1 + 1e-9) {
                bestF1 = f1;
                best = t;
            }
        }
        return best;
    }

    void write(OutputStream out, int dimension) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(dimension);
        d.writeInt(CLASSES);
        for (int c = 0; c < CLASSES; c++) {
            LogisticRegression m = classes[c];
            d.writeDouble(thresholds[c]);
            d.writeFloat(m.bias);
            for (float w : m.dense) {
                d.writeFloat(w);
            }
            int nonZero = 0;
            for (float w : m.sparse) {
                nonZero += w != 0 ? 1 : 0;
            }
            d.writeInt(nonZero);
            for (int i = 0; i < m.sparse.length; i++) {
                if (m.sparse[i] != 0) {
                    d.writeInt(i);
                    d.writeFloat(m.sparse[i]);
                }
            }
        }
        d.flush();
    }

    static BehaviourModel read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in));
        if (d.readInt() != MAGIC) {
            throw new IOException("not a PartnerBot behaviour model");
        }
        int dimension = d.readInt();
        int classes = d.readInt();
        if (classes != CLASSES) {
            throw new IOException("model has " + classes + " classes, expected " + CLASSES);
        }
        LogisticRegression[] models = new LogisticRegression[CLASSES];
        double[] thresholds = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            thresholds[c] = d.readDouble();
            float bias = d.readFloat();
            float[] dense = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                dense[i] = d.readFloat();
            }
            float[] sparse = new float[Ngrams.BUCKETS];
            int nonZero = d.readInt();
            for (int k = 0; k < nonZero; k++) {
                int i = d.readInt();
                sparse[i] = d.readFloat();
            }
            models[c] = new LogisticRegression(dense, sparse, bias);
        }
        return new BehaviourModel(models, thresholds);
    }
}
