package dev.partnerbot.benchmarks;

import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Coach;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpret + advise, cues included, with both models loaded: one message per call, distinct
 * texts (cache off) and repeated texts (the "another draft" path, cache on).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx768m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class CoachBenchmark {

    @Param({"en", "zh"})
    public String language;

    private Coach uncached;
    private Coach cached;
    private List<String> texts;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void load() {
        uncached = Coach.load(0);
        cached = Coach.load(Coach.DEFAULT_CACHE_SIZE);
        texts = "zh".equals(language) ? Messages.CHINESE : Messages.ENGLISH;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        uncached.close();
        cached.close();
    }

    private String nextText() {
        return texts.get((int) (next.getAndIncrement() % texts.size()));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Answer latency() {
        return uncached.answer(nextText());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Answer throughput() {
        return uncached.answer(nextText());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Answer anotherDraftOfARepeatedText() {
        return cached.answer(nextText(), (int) (next.get() % 4), java.util.Optional.empty());
    }
}
