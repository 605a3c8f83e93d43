package dev.partnerbot.core.interpret;

import java.util.List;

/**
 * Binary logistic regression over {@link Features}, trained by full-batch gradient descent
 * with momentum and L2 regularisation; deterministic for the same data.
 */
final class LogisticRegression {
    final float[] dense;
    final float[] sparse;
    float bias;

    LogisticRegression(int denseDimension) {
        this.dense = new float[denseDimension];
        this.sparse = new float[Ngrams.BUCKETS];
    }

    LogisticRegression(float[] dense, float[] sparse, float bias) {
        this.dense = dense;
        this.sparse = sparse;
        this.bias = bias;
    }

    double probability(Features x) {
        double z = bias;
        float[] d = x.dense();
        for (int i = 0; i < d.length; i++) {
            z += dense[i] * d[i];
        }
        int[] idx = x.sparseIndex();
        float[] val = x.sparseValue();
        for (int i = 0; i < idx.length; i++) {
            z += sparse[idx[i]] * val[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Trains on examples with targets 0/1; positives are up-weighted to balance rare labels. */
    static LogisticRegression train(List<Features> xs, boolean[] ys, int dimension, Hyper hyper) {
        LogisticRegression m = new LogisticRegression(dimension);
        int n = xs.size();
        int positives = 0;
        for (boolean y : ys) {
            positives += y ? 1 : 0;
        }
        double posWeight = positives == 0 ? 1 : Math.min(hyper.maxPositiveWeight, (n - positives) / (double) positives);
        float[] gDense = new float[dimension];
        float[] gSparse = new float[Ngrams.BUCKETS];
        float[] vDense = new float[dimension];
        float[] vSparse = new float[Ngrams.BUCKETS];
        double vBias = 0;
        double totalWeight = (n - positives) + positives * posWeight;
        for (int epoch = 0; epoch < hyper.epochs; epoch++) {
            java.util.Arrays.fill(gDense, 0);
            java.util.Arrays.fill(gSparse, 0);
            double gBias = 0;
            for (int k = 0; k < n; k++) {
                Features x = xs.get(k);
                double w = ys[k] ? posWeight : 1.0;
                float err = (float) (w * (m.probability(x) - (ys[k] ? 1 : 0)));
                float[] d = x.dense();
                for (int i = 0; i < d.length; i++) {
                    gDense[i] += err * d[i];
                }
                int[] idx = x.sparseIndex();
                float[] val = x.sparseValue();
                for (int i = 0; i < idx.length; i++) {
                    gSparse[idx[i]] += err * val[i];
                }
                gBias += err;
            }
            float lr = (float) hyper.learningRate;
            float mom = (float) hyper.momentum;
            float scale = (float) (1.0 / totalWeight);
            for (int i = 0; i < dimension; i++) {
                float g = gDense[i] * scale + (float) hyper.l2 * m.dense[i];
                vDense[i] = mom * vDense[i] - lr * g;
                m.dense[i] += vDense[i];
            }
            for (int i = 0; i < Ngrams.BUCKETS; i++) {
                if (gSparse[i] == 0 && m.sparse[i] == 0 && vSparse[i] == 0) {
                    continue;
                }
                float g = gSparse[i] * scale + (float) hyper.l2 * m.sparse[i];
                vSparse[i] = mom * vSparse[i] - lr * g;
                m.sparse[i] += vSparse[i];
            }
            vBias = mom * vBias - lr * gBias * scale;
            m.bias += (float) vBias;
        }
        return m;
    }

    /** Training settings, chosen by cross-validation (see docs/interpreter.md). */
    record Hyper(int epochs, double learningRate, double momentum, double l2, double maxPositiveWeight) {
        static final Hyper DEFAULT = new Hyper(300, 2.0, 0.9, 1e-4, 6.0);
    }
}
