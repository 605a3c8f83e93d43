package dev.partnerbot.core.interpret;

/**
 * A message as the classifier sees it: a dense sentence embedding plus sparse hashed word and
 * character n-grams (indices sorted, values already scaled).
 */
record Features(float[] dense, int[] sparseIndex, float[] sparseValue) {
}
