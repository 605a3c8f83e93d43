package dev.partnerbot.core.tips;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order in which one schedule walks through the library: a deterministic shuffle seeded by
 * the schedule id, so every channel has its own order, no tip repeats until all have been sent,
 * and any instance computes the same tip for the same position. Each pass through the library
 * is shuffled afresh, and never starts with the tip the previous pass ended on.
 */
public final class Rotation {
    private final List<String> tipIds;
    private final String scheduleId;

    public Rotation(List<String> tipIds, String scheduleId) {
        if (tipIds.isEmpty()) {
            throw new IllegalArgumentException("the tip library is empty");
        }
        this.tipIds = List.copyOf(tipIds);
        this.scheduleId = scheduleId;
    }

    /** The tip id at a position (0 = the first tip this schedule ever sends). */
    public String tipAt(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative rotation position " + position);
        }
        int size = tipIds.size();
        long pass = position / size;
        return pass(pass).get((int) (position % size));
    }

    public int size() {
        return tipIds.size();
    }

    private List<String> pass(long pass) {
        List<String> order = shuffled(pass);
        if (pass > 0 && order.size() > 1) {
            String previousLast = shuffled(pass - 1).get(order.size() - 1);
            if (order.get(0).equals(previousLast)) {
                order.set(0, order.get(1));
                order.set(1, previousLast);
            }
        }
        return order;
    }

    // Fisher-Yates with java.util.Random, whose algorithm the JDK specifies: stable across versions.
    private List<String> shuffled(long pass) {
        List<String> order = new ArrayList<>(tipIds);
        Random random = new Random(seed(scheduleId + "#" + pass));
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }

    private static long seed(String s) {
        long hash = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
