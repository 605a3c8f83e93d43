package dev.partnerbot.app.tips;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces posts to one channel: Slack allows about one message per second per channel (bursts
 * tolerated), Teams 7 a second per conversation. A {@code Retry-After} from the platform pushes
 * the channel's next slot back. In-process only: several instances each pace their own posts and
 * the platform's 429 covers the rest.
 */
final class ChannelPacer {
    /** Sleeps; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ConcurrentHashMap<String, Instant> nextFree = new ConcurrentHashMap<>();

    ChannelPacer(Duration interval, Clock clock, Sleeper sleeper) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    ChannelPacer(Duration interval) {
        this(interval, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** Reserves the channel's next free moment and waits for it. */
    void await(String channelKey) throws InterruptedException {
        Instant now = clock.instant();
        Instant[] reserved = new Instant[1];
        nextFree.compute(channelKey, (k, free) -> {
            Instant at = free == null || free.isBefore(now) ? now : free;
            reserved[0] = at;
            return at.plus(interval);
        });
        Duration wait = Duration.between(now, reserved[0]);
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
        if (nextFree.size() > 50_000) {
            nextFree.values().removeIf(free -> free.isBefore(now));
        }
    }

    /** The platform said wait: nothing goes to this channel before {@code now + delay}. */
    void backOff(String channelKey, Duration delay) {
        Instant until = clock.instant().plus(delay);
        nextFree.merge(channelKey, until, (a, b) -> a.isAfter(b) ? a : b);
    }
}
