package dev.partnerbot.slack.work;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the slow part of an interaction runs after Slack has been acknowledged. Bolt for Java
 * has no lazy listeners and Slack wants an answer within 3 seconds, so every listener acks first
 * and hands its work here. Bounded, so a burst cannot exhaust memory: when full, the caller
 * learns it at once and can tell the user.
 */
public final class Background implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    /** What the work queue reports, for metrics (the application wires these to Micrometer). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Work started after waiting this long in the queue. */
        default void waited(long nanos) {
        }

        /** Work refused because the queue was full (its sender was told "busy"). */
        default void rejected() {
        }
    }

    private final ThreadPoolExecutor executor;
    private volatile Listener listener = Listener.NONE;
    /** Runs the short "busy" notices for work the main queue refused; separate, so a full queue can still say so. */
    private final ThreadPoolExecutor notices;

    public Background(int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "slack-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.notices = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(NOTICE_QUEUE),
                r -> {
                    Thread t = new Thread(r, "slack-notice");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.notices.allowCoreThreadTimeOut(true);
    }

    /** Room for busy notices; each is one short Web API call. */
    static final int NOTICE_QUEUE = 2_000;

    /**
     * Runs {@code work} later, or, when the queue is full, {@code busyNotice} (which tells the user that
     * the message cannot be handled now) on a separate small worker: an accepted message is never dropped
     * in silence. Returns false when the work itself was refused.
     */
    public boolean submitOrNotify(String what, Runnable work, Runnable busyNotice) {
        if (submit(what, work)) {
            return true;
        }
        try {
            notices.execute(() -> {
                try {
                    busyNotice.run();
                } catch (RuntimeException e) {
                    log.error("Slack {} busy notice failed: {}", what, e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("Slack {} dropped: the work queue and the notice queue are both full", what);
        }
        return false;
    }

    /** Work waiting in the queue now (a gauge for metrics). */
    public int queued() {
        return executor.getQueue().size();
    }

    /**
     * Runs {@code work} later; false when the queue is full (the work is not run).
     *
     * @param what a short name for logs, never user content
     */
    public boolean submit(String what, Runnable work) {
        long submitted = System.nanoTime();
        try {
            executor.execute(() -> {
                long start = System.nanoTime();
                listener.waited(start - submitted);
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // Exception messages can quote what the user wrote: log the type and where, not the message.
                    StackTraceElement[] at = e.getStackTrace();
                    log.error("Slack {} failed: {} at {}", what, e.getClass().getName(), at.length > 0 ? at[0] : "?");
                } finally {
                    log.debug("Slack {} took {} ms", what, (System.nanoTime() - start) / 1_000_000);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Slack {} not run: the work queue is full or closed", what);
            listener.rejected();
            return false;
        }
    }

    /** Where queue waits and refusals are reported. */
    public void listen(Listener listener) {
        this.listener = listener == null ? Listener.NONE : listener;
    }

    /** Worker threads. */
    public int threads() {
        return executor.getMaximumPoolSize();
    }

    /** Queue slots in all. */
    public int capacity() {
        return executor.getQueue().size() + executor.getQueue().remainingCapacity();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    public void close(Duration grace) {
        notices.shutdown();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
