package dev.partnerbot.slack.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstallStatesTest {
    private final AtomicLong nanos = new AtomicLong();
    private final InstallStates states = new InstallStates(nanos::get);

    @Test
    void issuedStateIsValidUntilUsed() {
        states.addNewStateToDatastore("s1");

        assertThat(states.isAvailableInDatabase("s1")).isTrue();
        states.deleteStateFromDatastore("s1");
        assertThat(states.isAvailableInDatabase("s1")).isFalse();
    }

    @Test
    void stateExpiresAfterItsLifetime() {
        states.addNewStateToDatastore("s1");

        nanos.addAndGet(InstallStates.LIFETIME.plus(Duration.ofSeconds(1)).toNanos());

        assertThat(states.isAvailableInDatabase("s1")).isFalse();
    }

    @Test
    void unknownOrMissingStateIsInvalid() {
        assertThat(states.isAvailableInDatabase("never-issued")).isFalse();
        assertThat(states.isAvailableInDatabase(null)).isFalse();
    }
}
