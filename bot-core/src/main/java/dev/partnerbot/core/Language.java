package dev.partnerbot.core;

import java.util.Locale;
import java.util.Optional;

/** A language PartnerBot understands and answers in. */
public enum Language {
    EN, ZH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Language> byCode(String code) {
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
