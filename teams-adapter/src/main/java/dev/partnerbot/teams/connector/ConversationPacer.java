package dev.partnerbot.teams.connector;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Client-side pacing of messages per conversation, so that PartnerBot stays under Teams' limits
 * instead of learning about them from {@code 429}s: per bot and conversation 7 messages a second,
 * 60 in 30 seconds and 1,800 an hour ({@link #TEAMS}).
 *
 * <p>Sliding windows over the times of the last sends (a ring of as many times as the largest limit
 * allows). {@link #reserve} answers how long a message has to wait and, when the caller accepts to
 * wait that long, books the slot, so that concurrent senders queue up in order. Conversations idle
 * for longer than the longest window are forgotten.
 */
public final class ConversationPacer {

    /** At most {@code messages} in any window of length {@code per}. */
    public record Limit(int messages, Duration per) {
        public Limit {
            Objects.requireNonNull(per, "per");
            if (messages < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one message in a positive window");
            }
        }
    }

    /** Teams' documented limits per bot per conversation. */
    public static final List<Limit> TEAMS = List.of(
            new Limit(7, Duration.ofSeconds(1)),
            new Limit(60, Duration.ofSeconds(30)),
            new Limit(1800, Duration.ofHours(1)));

    private final List<Limit> limits;
    private final Clock clock;
    private final int capacity;
    private final Cache<String, Window> windows;

    public ConversationPacer(List<Limit> limits, Clock clock) {
        this.limits = List.copyOf(limits);
        if (this.limits.isEmpty()) {
            throw new IllegalArgumentException("no limits");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = this.limits.stream().mapToInt(Limit::messages).max().orElseThrow();
        Duration longest = this.limits.stream().map(Limit::per).max(Comparator.naturalOrder()).orElseThrow();
        this.windows = Caffeine.newBuilder()
                .expireAfterAccess(longest.plusMinutes(1))
                .maximumSize(100_000)
                .build();
    }

    /** Pacing for Teams' limits on the system clock. */
    public static ConversationPacer teams(Clock clock) {
        return new ConversationPacer(TEAMS, clock);
    }

    /**
     * How long a message to {@code conversation} must wait before it may be sent. When that is at
     * most {@code maxWait} the slot is booked (the caller must then wait and send); when it is longer
     * nothing is booked and the caller should try again later.
     */
    public Duration reserve(String conversation, Duration maxWait) {
        Window window = windows.get(conversation, k -> new Window(capacity));
        Instant now = clock.instant();
        synchronized (window) {
            Instant at = window.earliest(now, limits);
            Duration wait = Duration.between(now, at);
            if (wait.compareTo(maxWait) <= 0) {
                window.book(at);
            }
            return wait;
        }
    }

    /** Holds back every message to {@code conversation} for a while, e.g. after a {@code 429} with {@code Retry-After}. */
    public void pause(String conversation, Duration duration) {
        Window window = windows.get(conversation, k -> new Window(capacity));
        Instant until = clock.instant().plus(duration);
        synchronized (window) {
            if (window.pausedUntil == null || window.pausedUntil.isBefore(until)) {
                window.pausedUntil = until;
            }
        }
    }

    /** The last sends of one conversation, oldest first, in a ring. Guarded by itself. */
    private static final class Window {
        private final Instant[] sends;
        private int size;
        private int next;
        private Instant pausedUntil;

        Window(int capacity) {
            this.sends = new Instant[capacity];
        }

        /** The k-th most recent send, k = 1 being the last one. */
        private Instant recent(int k) {
            return sends[Math.floorMod(next - k, sends.length)];
        }

        Instant earliest(Instant now, List<Limit> limits) {
            Instant at = now;
            if (pausedUntil != null && pausedUntil.isAfter(at)) {
                at = pausedUntil;
            }
            if (size > 0 && recent(1).isAfter(at)) {
                at = recent(1); // booked slots are kept in order
            }
            for (Limit limit : limits) {
                if (size >= limit.messages()) {
                    // The n-th most recent send must have left the window before the next one goes.
                    Instant free = recent(limit.messages()).plus(limit.per());
                    if (free.isAfter(at)) {
                        at = free;
                    }
                }
            }
            return at;
        }

        void book(Instant at) {
            sends[next] = at;
            next = (next + 1) % sends.length;
            size = Math.min(size + 1, sends.length);
        }
    }
}
