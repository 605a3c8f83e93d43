package dev.partnerbot.core.interpret;

import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashed n-gram features that complement sentence embeddings with the exact words people use:
 * word unigrams and bigrams for Latin script, character uni-, bi- and trigrams for Chinese.
 */
final class Ngrams {
    static final int BUCKETS = 1 << 16;

    private static final Pattern WORD = Pattern.compile("[\\p{IsLatin}\\p{Nd}']+");
    private static final Pattern HAN_RUN = Pattern.compile("\\p{IsHan}+");

    private Ngrams() {
    }

    /** Sparse L2-normalised binary n-gram vector, scaled by {@code weight}. */
    static Features sparse(String text, float weight) {
        TreeMap<Integer, Float> counts = new TreeMap<>();
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher words = WORD.matcher(lower);
        String previous = null;
        while (words.find()) {
            String w = words.group();
            add(counts, "w:" + w);
            if (previous != null) {
                add(counts, "b:" + previous + " " + w);
            }
            previous = w;
        }
        Matcher han = HAN_RUN.matcher(lower);
        while (han.find()) {
            String run = han.group();
            for (int i = 0; i < run.length(); i++) {
                add(counts, "c:" + run.charAt(i));
                if (i + 1 < run.length()) {
                    add(counts, "c:" + run.substring(i, i + 2));
                }
                if (i + 2 < run.length()) {
                    add(counts, "c:" + run.substring(i, i + 3));
                }
            }
        }
        int[] index = new int[counts.size()];
        float[] value = new float[counts.size()];
        float scale = counts.isEmpty() ? 0 : (float) (weight / Math.sqrt(counts.size()));
        int i = 0;
        for (var e : counts.entrySet()) {
            index[i] = e.getKey();
            value[i] = scale;
            i++;
        }
        return new Features(new float[0], index, value);
    }

    private static void add(TreeMap<Integer, Float> counts, String gram) {
        counts.put(bucket(gram), 1f);
    }

    private static int bucket(String gram) {
        int h = gram.hashCode();
        h ^= (h >>> 16);
        h *= 0x85ebca6b;
        h ^= (h >>> 13);
        return Math.floorMod(h, BUCKETS);
    }
}
