package dev.partnerbot.core;

import java.util.Locale;

/** How a reply draft sounds: warm (collaborative) or firm (boundary first); both stay respectful. */
public enum Tone {
    WARM, FIRM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
