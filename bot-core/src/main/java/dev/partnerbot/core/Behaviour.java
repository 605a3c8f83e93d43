package dev.partnerbot.core;

import java.util.Locale;
import java.util.Optional;

/** A client behaviour PartnerBot recognises. The {@link #id()} is a stable public contract. */
public enum Behaviour {
    DISRESPECT, POWER_PLAY, UNREALISTIC_DEADLINE, SCOPE_CREEP, NO_RECOGNITION, BLAME,
    ALWAYS_ON_CALL, IGNORES_EXPERTISE, PAYMENT_PRESSURE, UNCLEAR_DIRECTION, POSITIVE;

    /** The public id, e.g. {@code power_play}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Behaviour> byId(String id) {
        for (Behaviour b : values()) {
            if (b.id().equals(id)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
