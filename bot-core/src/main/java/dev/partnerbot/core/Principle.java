package dev.partnerbot.core;

import java.util.Locale;
import java.util.Optional;

/** One of the five partnership principles that carry PartnerBot's advice; {@link #id()} is public. */
public enum Principle {
    LEAD_WITH_EXPERTISE, SET_EXPECTATIONS, SAY_NO_WITH_OPTIONS, ALIGN_ON_GOALS, INVEST_IN_THE_RELATIONSHIP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Principle> byId(String id) {
        for (Principle p : values()) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
