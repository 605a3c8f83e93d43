package dev.partnerbot.core.tips;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * "Every {@code day} at {@code time} in {@code zone}", resolved to instants.
 *
 * <p>Daylight saving: the wall-clock time is kept (09:00 stays 09:00 local all year). A time that
 * does not exist on that day (spring-forward gap) runs at the first valid instant after the gap
 * (02:30 in Berlin on the last Sunday of March runs at 03:00 CEST). A time that occurs twice
 * (fall-back overlap) runs once, at the earlier offset (02:30 CEST, not 02:30 CET).
 */
public record WeeklyCadence(DayOfWeek day, LocalTime time, ZoneId zone) {

    /** The instant of this week's slot on the given local date (which must fall on {@link #day}). */
    public ZonedDateTime slotOn(LocalDate date) {
        if (date.getDayOfWeek() != day) {
            throw new IllegalArgumentException(date + " is not a " + day);
        }
        LocalDateTime local = date.atTime(time);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            Instant gapEnd = zone.getRules().getTransition(local).getInstant();
            return gapEnd.atZone(zone);
        }
        // In an overlap the first valid offset is the one before the transition: the earlier instant.
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
    }

    /** The first slot strictly after {@code after}. */
    public ZonedDateTime nextAfter(Instant after) {
        LocalDate date = after.atZone(zone).toLocalDate().minusDays(1)
                .with(TemporalAdjusters.nextOrSame(day));
        while (true) {
            ZonedDateTime slot = slotOn(date);
            if (slot.toInstant().isAfter(after)) {
                return slot;
            }
            date = date.plusWeeks(1);
        }
    }

    /** The first slot at or after {@code from}. */
    public ZonedDateTime nextFrom(Instant from) {
        return nextAfter(from.minusNanos(1));
    }

    /** The most recent slot at or before {@code at}. */
    public ZonedDateTime latestAtOrBefore(Instant at) {
        ZonedDateTime next = nextAfter(at);
        return slotOn(next.toLocalDate().minusWeeks(1));
    }

    /** The ISO week ("2025-W13") a slot belongs to, by its local date: the key of exactly-once delivery. */
    public String weekOf(Instant slot) {
        LocalDate date = slot.atZone(zone).toLocalDate();
        return weekKey(date);
    }

    public static String weekKey(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
