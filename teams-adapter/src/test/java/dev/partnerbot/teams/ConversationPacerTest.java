package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.teams.connector.ConversationPacer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationPacerTest {
    private static final Duration NO_LIMIT = Duration.ofDays(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final ConversationPacer pacer = ConversationPacer.teams(clock);

    @Test
    void letsSevenMessagesASecondThroughThenMakesTheEighthWait() {
        for (int i = 0; i < 7; i++) {
            assertThat(pacer.reserve("c", NO_LIMIT)).isZero();
        }
        assertThat(pacer.reserve("c", NO_LIMIT)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSenderThatWaitsAsToldStaysWithinAllThreeTeamsLimitsAndNoSlower() {
        List<Instant> sent = new ArrayList<>();
        while (sent.size() < 1801) {
            Duration wait = pacer.reserve("c", NO_LIMIT);
            clock.advance(wait);
            sent.add(clock.instant());
        }

        for (int i = 0; i + 7 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 7))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        for (int i = 0; i + 60 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 60))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
        // Exactly as fast as allowed: the 8th message a second after the first, the 61st 30 s after,
        // the 1801st an hour after.
        assertThat(Duration.between(sent.get(0), sent.get(7))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(sent.get(0), sent.get(60))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Duration.between(sent.get(0), sent.get(1800))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void pacesConversationsIndependently() {
        for (int i = 0; i < 7; i++) {
            pacer.reserve("busy", NO_LIMIT);
        }

        assertThat(pacer.reserve("quiet", NO_LIMIT)).isZero();
        assertThat(pacer.reserve("busy", NO_LIMIT)).isPositive();
    }

    @Test
    void doesNotBookASlotTheCallerWillNotWaitFor() {
        for (int i = 0; i < 7; i++) {
            pacer.reserve("c", NO_LIMIT);
        }

        assertThat(pacer.reserve("c", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacer.reserve("c", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1)); // still the same slot
    }

    @Test
    void bookedSlotsQueueConcurrentSendersInOrder() {
        for (int i = 0; i < 7; i++) {
            pacer.reserve("c", NO_LIMIT);
        }

        assertThat(pacer.reserve("c", NO_LIMIT)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacer.reserve("c", NO_LIMIT)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(1500));
        assertThat(pacer.reserve("c", NO_LIMIT)).isZero();
    }

    @Test
    void freesSlotsAsTimePasses() {
        for (int i = 0; i < 7; i++) {
            pacer.reserve("c", NO_LIMIT);
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(pacer.reserve("c", NO_LIMIT)).isZero();
    }

    @Test
    void holdsAConversationBackForAPause() {
        pacer.pause("c", Duration.ofSeconds(90));

        assertThat(pacer.reserve("c", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        clock.advance(Duration.ofSeconds(90));
        assertThat(pacer.reserve("c", Duration.ZERO)).isZero();
    }
}
