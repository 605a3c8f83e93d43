package dev.partnerbot.core.tips;

import java.util.Locale;

/** Whether a schedule posts: active ones do, paused ones wait for a resume, cancelled ones are over. */
public enum ScheduleState {
    ACTIVE, PAUSED, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
