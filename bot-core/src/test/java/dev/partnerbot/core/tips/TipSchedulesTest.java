package dev.partnerbot.core.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.tips.TipSchedules.Actor;
import dev.partnerbot.core.tips.TipSchedules.Outcome;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TipSchedulesTest {
    private final InMemoryStore store = new InMemoryStore();
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-24T07:00:00Z"), ZoneOffset.UTC);
    private final ManagerPolicy policy = new ManagerPolicy(Set.of("U_LISTED"),
            Map.of("slack", (team, user) -> user.equals("U_ADMIN")));
    private final TipSchedules schedules = new TipSchedules(store, policy, TipLibrary.load(), clock);

    private static TipSchedules.Request request(String team) {
        return new TipSchedules.Request("slack", team, "C1", DayOfWeek.MONDAY, LocalTime.of(9, 0),
                ZoneId.of("Europe/Berlin"), TipLanguage.EN);
    }

    @Test
    void configuredManagersAndSlackAdminsMaySchedule_othersMayNot() {
        assertThat(schedules.schedule(Actor.chatUser("slack", "T1", "U_LISTED"), request("T1"))).isInstanceOf(Outcome.Done.class);
        assertThat(schedules.schedule(Actor.chatUser("slack", "T1", "U_ADMIN"), request("T1"))).isInstanceOf(Outcome.Done.class);
        assertThat(schedules.schedule(Actor.chatUser("slack", "T1", "U_MEMBER"), request("T1"))).isInstanceOf(Outcome.NotAllowed.class);
        assertThat(store.byId).hasSize(2);
    }

    @Test
    void onAPlatformThatCannotTellRolesOnlyTheConfiguredListCounts() {
        assertThat(policy.mayManage("teams", "tenant", "U_ADMIN")).isFalse();
        assertThat(policy.mayManage("teams", "tenant", "U_LISTED")).isTrue();
    }

    @Test
    void failingRoleLookupDenies() {
        ManagerPolicy failing = new ManagerPolicy(Set.of(), Map.of("slack", (t, u) -> {
            throw new IllegalStateException("users.info failed");
        }));
        assertThat(failing.mayManage("slack", "T1", "U1")).isFalse();
    }

    @Test
    void aManagerOfAnotherWorkspaceCannotSeeOrChangeTheSchedule() {
        TipSchedule s = ((Outcome.Done) schedules.schedule(Actor.cliOperator(), request("T1"))).schedule();
        Actor outsider = Actor.chatUser("slack", "T2", "U_LISTED");
        assertThat(schedules.pause(outsider, s.id())).isEqualTo(new Outcome.NotFound(s.id()));
        assertThat(schedules.list(outsider, Optional.empty())).isEmpty();
        assertThat(schedules.preview(outsider, s.id())).isEmpty();
        assertThat(store.byId.get(s.id()).state()).isEqualTo(ScheduleState.ACTIVE);
    }

    @Test
    void membersMaySeeButNotPause() {
        TipSchedule s = ((Outcome.Done) schedules.schedule(Actor.cliOperator(), request("T1"))).schedule();
        Actor member = Actor.chatUser("slack", "T1", "U_MEMBER");
        assertThat(schedules.list(member, Optional.empty())).hasSize(1);
        assertThat(schedules.pause(member, s.id())).isInstanceOf(Outcome.NotAllowed.class);
    }

    @Test
    void listingShowsNextRunInTheSchedulesZone() {
        schedules.schedule(Actor.cliOperator(), request("T1"));
        TipSchedules.Listed listed = schedules.list(Actor.cliOperator(), Optional.of("T1")).get(0);
        assertThat(listed.nextRun()).map(Object::toString).contains("2025-03-24T09:00+01:00[Europe/Berlin]");
    }

    @Test
    void previewShowsTheFirstTipOfTheChannelsRotation() {
        TipSchedule s = ((Outcome.Done) schedules.schedule(Actor.cliOperator(), request("T1"))).schedule();
        WeeklyTip tip = schedules.preview(Actor.cliOperator(), s.id()).orElseThrow();
        assertThat(tip.tipId()).isEqualTo(TipLibrary.load().rotationFor(s.id()).tipAt(0));
        assertThat(tip.week()).isEqualTo("2025-W13");
    }

    static final class InMemoryStore implements ScheduleStore {
        final Map<String, TipSchedule> byId = new LinkedHashMap<>();

        @Override
        public TipSchedule create(TipSchedule schedule) {
            byId.put(schedule.id(), schedule);
            return schedule;
        }

        @Override
        public Optional<TipSchedule> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<TipSchedule> list(Optional<String> team) {
            return byId.values().stream().filter(s -> team.map(s.team()::equals).orElse(true))
                    .filter(s -> s.state() != ScheduleState.CANCELLED).toList();
        }

        @Override
        public boolean setState(String id, ScheduleState state) {
            TipSchedule s = byId.get(id);
            if (s == null || s.state() == ScheduleState.CANCELLED) {
                return false;
            }
            byId.put(id, s.withState(state));
            return true;
        }
    }
}
