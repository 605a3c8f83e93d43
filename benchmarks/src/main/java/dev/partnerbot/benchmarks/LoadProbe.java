package dev.partnerbot.benchmarks;

import dev.partnerbot.core.coach.Coach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Model load time and resident memory with both models loaded (prints one line each). */
public final class LoadProbe {
    private LoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        long before = rssKb();
        long start = System.nanoTime();
        try (Coach coach = Coach.load()) {
            long loadMs = (System.nanoTime() - start) / 1_000_000;
            coach.answer("They said we pay you, so do what we say.");
            coach.answer("客户说我们只是乙方，让我们闭嘴照做就行。");
            System.gc();
            long after = rssKb();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "model load (both languages): %d ms%n", loadMs);
            System.out.printf(Locale.ROOT, "resident memory: %d MB after loading and two answers (JVM alone before loading: %d MB); Java heap used %d MB%n",
                    after / 1024, before / 1024, (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
