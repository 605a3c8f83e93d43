package dev.partnerbot.core.tips;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A weekly tip for one channel: every {@code day} at local {@code time} in {@code zone}.
 * {@code team} is the Slack workspace or Teams tenant that owns it; {@code rotation} is how many
 * tips the channel has been given so far (its position in the channel's own order of the library).
 */
public record TipSchedule(
        String id,
        String platform,
        String team,
        String channel,
        DayOfWeek day,
        LocalTime time,
        ZoneId zone,
        TipLanguage language,
        ScheduleState state,
        String createdBy,
        Instant createdAt,
        long rotation) {

    public TipSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        time = time.withSecond(0).withNano(0);
    }

    public TipSchedule withState(ScheduleState newState) {
        return new TipSchedule(id, platform, team, channel, day, time, zone, language, newState, createdBy, createdAt, rotation);
    }

    /** The cadence of this schedule, for next-run computation. */
    public WeeklyCadence cadence() {
        return new WeeklyCadence(day, time, zone);
    }
}
