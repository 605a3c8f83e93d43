package dev.partnerbot.core.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Claims kept in this process only (bounded, each forgotten after {@link #REMEMBER_FOR}): enough for one
 * instance, and the fast first check in front of the shared database claims of several instances.
 */
public final class MemoryMessageClaims implements MessageClaims {
    private final Cache<String, Boolean> claimed;

    public MemoryMessageClaims(long maximumSize) {
        this(maximumSize, REMEMBER_FOR);
    }

    public MemoryMessageClaims(long maximumSize, Duration rememberFor) {
        this.claimed = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(rememberFor).build();
    }

    @Override
    public boolean claim(String key) {
        return claimed.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Whether this process has seen the key (without claiming it). */
    public boolean seen(String key) {
        return claimed.getIfPresent(key) != null;
    }
}
