package dev.partnerbot.core.tips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyCadenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static WeeklyCadence cadence(DayOfWeek day, String time, ZoneId zone) {
        return new WeeklyCadence(day, LocalTime.parse(time), zone);
    }

    @Test
    void nextRunIsThisWeeksSlotWhenItIsStillAhead() {
        Instant now = Instant.parse("2025-03-24T07:59:00Z"); // Monday 08:59 CET
        assertThat(cadence(DayOfWeek.MONDAY, "09:00", BERLIN).nextAfter(now).toInstant())
                .isEqualTo(Instant.parse("2025-03-24T08:00:00Z"));
    }

    @Test
    void nextRunSkipsToNextWeekOnceTheSlotHasPassed() {
        Instant now = Instant.parse("2025-03-24T08:00:00Z"); // exactly Monday 09:00 CET
        assertThat(cadence(DayOfWeek.MONDAY, "09:00", BERLIN).nextAfter(now))
                .isEqualTo(ZonedDateTime.parse("2025-03-31T09:00+02:00[Europe/Berlin]"));
    }

    @Test
    void nineOClockStaysNineOClockLocalAcrossBothDstChanges() {
        WeeklyCadence c = cadence(DayOfWeek.MONDAY, "09:00", BERLIN);
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        List<ZonedDateTime> runs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ZonedDateTime next = c.nextAfter(t);
            runs.add(next);
            t = next.toInstant();
        }
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(r.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        });
        assertThat(runs).extracting(ZonedDateTime::getOffset).extracting(Object::toString)
                .contains("+01:00", "+02:00");
    }

    @Test
    void timeInBerlinSpringForwardGapRunsAtFirstInstantAfterTheGap() {
        WeeklyCadence c = cadence(DayOfWeek.SUNDAY, "02:30", BERLIN);
        ZonedDateTime run = c.nextAfter(Instant.parse("2025-03-29T12:00:00Z"));
        assertThat(run.toInstant()).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(run.toLocalDateTime()).hasToString("2025-03-30T03:00");
        // and the following week is back at 02:30 local
        assertThat(c.nextAfter(run.toInstant()).toLocalDateTime()).hasToString("2025-04-06T02:30");
    }

    @Test
    void timeInBerlinFallBackOverlapRunsOnceAtTheEarlierOffset() {
        WeeklyCadence c = cadence(DayOfWeek.SUNDAY, "02:30", BERLIN);
        ZonedDateTime run = c.nextAfter(Instant.parse("2025-10-25T12:00:00Z"));
        assertThat(run.toInstant()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        assertThat(run.getOffset().toString()).isEqualTo("+02:00");
        // the second 02:30 (CET, 01:30Z) is not a run: the next one is a week later
        ZonedDateTime following = c.nextAfter(run.toInstant());
        assertThat(following.toInstant()).isEqualTo(Instant.parse("2025-11-02T01:30:00Z"));
    }

    @Test
    void timeInNewYorkSpringForwardGapRunsAtThreeOClock() {
        ZonedDateTime run = cadence(DayOfWeek.SUNDAY, "02:15", NEW_YORK).nextAfter(Instant.parse("2025-03-08T00:00:00Z"));
        assertThat(run.toInstant()).isEqualTo(Instant.parse("2025-03-09T07:00:00Z"));
        assertThat(run.toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    }

    @Test
    void timeInNewYorkFallBackOverlapRunsOnceAtDaylightTime() {
        WeeklyCadence c = cadence(DayOfWeek.SUNDAY, "01:30", NEW_YORK);
        ZonedDateTime run = c.nextAfter(Instant.parse("2025-11-01T12:00:00Z"));
        assertThat(run.toInstant()).isEqualTo(Instant.parse("2025-11-02T05:30:00Z")); // 01:30 EDT
        assertThat(c.nextAfter(run.toInstant()).toInstant()).isEqualTo(Instant.parse("2025-11-09T06:30:00Z"));
    }

    @Test
    void slotsInTheSameZoneOnDifferentDaysOfTheWeekAreInTheSameIsoWeek() {
        WeeklyCadence c = cadence(DayOfWeek.MONDAY, "09:00", BERLIN);
        assertThat(c.weekOf(Instant.parse("2024-12-30T08:00:00Z"))).isEqualTo("2025-W01");
        assertThat(WeeklyCadence.weekKey(LocalDate.of(2025, 3, 30))).isEqualTo("2025-W13");
    }

    @Test
    void latestSlotAtOrBeforeFindsTheRunAServerWasDownFor() {
        WeeklyCadence c = cadence(DayOfWeek.MONDAY, "09:00", BERLIN);
        assertThat(c.latestAtOrBefore(Instant.parse("2025-03-24T11:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2025-03-24T08:00:00Z"));
        assertThat(c.latestAtOrBefore(Instant.parse("2025-03-24T08:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2025-03-24T08:00:00Z"));
    }
}
