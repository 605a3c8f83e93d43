package dev.partnerbot.app.tips;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.ScheduleStore;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class TipsHomeTest {
    private static final Map<Language, Playbook> PLAYBOOKS = Playbook.loadAll();
    private static final TipLibrary LIBRARY = TipLibrary.load();
    /** Monday 2 December 2024 (ISO week 49), 08:00 UTC. */
    private static final Instant NOW = Instant.parse("2024-12-02T08:00:00Z");

    private final MemoryStore store = new MemoryStore();
    private final TestClock clock = new TestClock(NOW);
    private final ManagerPolicy policy = new ManagerPolicy(Set.of("UMANAGER"), Map.of("slack", (team, user) -> user.equals("UADMIN")));
    private final TipsHome home = new TipsHome(new TipSchedules(store, policy, LIBRARY, clock), policy, LIBRARY, PLAYBOOKS, clock);

    private TipSchedule schedule(String id, String team, ScheduleState state) {
        return store.create(new TipSchedule(id, "slack", team, "C7", DayOfWeek.MONDAY, LocalTime.of(9, 30),
                ZoneId.of("Europe/Berlin"), TipLanguage.BOTH, state, "UMANAGER", NOW, 3));
    }

    @Test
    void withoutSchedulesThisWeeksTipIsTheLibrarysTipAtTheWeekNumber() {
        String expected = LIBRARY.tip(LIBRARY.ids().get(49 % LIBRARY.ids().size()), Language.EN).orElseThrow().title();

        assertThat(home.weeklyTip("T1", Language.EN)).hasValueSatisfying(text -> assertThat(text)
                .startsWith("*This week's tip*").contains("*" + expected + "*"));
    }

    @Test
    void thisWeeksTipChangesWithTheWeek() {
        String first = home.weeklyTip("T1", Language.EN).orElseThrow();
        clock.set(NOW.plusSeconds(7 * 24 * 3600));

        assertThat(home.weeklyTip("T1", Language.EN)).isNotEqualTo(Optional.of(first));
    }

    @Test
    void thisWeeksTipIsTheNextTipOfTheWorkspacesFirstActiveSchedule() {
        schedule("ts-a-paused", "T1", ScheduleState.PAUSED);
        TipSchedule active = schedule("ts-b-active", "T1", ScheduleState.ACTIVE);
        String next = LIBRARY.rotationFor(active.id()).tipAt(active.rotation());

        assertThat(home.weeklyTip("T1", Language.ZH)).hasValueSatisfying(text -> assertThat(text)
                .startsWith("*本周小贴士*").contains(LIBRARY.tip(next, Language.ZH).orElseThrow().title()));
    }

    @Test
    void managersSeeTheWorkspacesSchedulesWithNextRunInTheChannelsZone() {
        schedule("ts-ours", "T1", ScheduleState.ACTIVE);
        schedule("ts-theirs", "T2", ScheduleState.ACTIVE);

        assertThat(home.managerSchedule("T1", "UADMIN", Language.EN)).hasValueSatisfying(text -> assertThat(text)
                .startsWith("*Weekly tip schedules*")
                .contains("<#C7> · Monday 09:30 (Europe/Berlin) · active · Next: Mon 2 Dec 2024, 09:30 CET · `ts-ours`")
                .doesNotContain("ts-theirs"));
        assertThat(home.managerSchedule("T1", "UMANAGER", Language.EN)).isPresent();
    }

    @Test
    void managersWithoutSchedulesAreToldHowToAddOne() {
        assertThat(home.managerSchedule("T1", "UMANAGER", Language.EN))
                .hasValue("*Weekly tip schedules*\n" + PLAYBOOKS.get(Language.EN).label("tips_list_empty"));
    }

    @Test
    void otherMembersSeeNoSchedules() {
        schedule("ts-ours", "T1", ScheduleState.ACTIVE);

        assertThat(home.managerSchedule("T1", "U1", Language.EN)).isEmpty();
    }

    /** The schedule store port, in memory. */
    private static final class MemoryStore implements ScheduleStore {
        private final Map<String, TipSchedule> saved = new ConcurrentHashMap<>();

        @Override
        public TipSchedule create(TipSchedule schedule) {
            saved.put(schedule.id(), schedule);
            return schedule;
        }

        @Override
        public Optional<TipSchedule> find(String id) {
            return Optional.ofNullable(saved.get(id));
        }

        @Override
        public List<TipSchedule> list(Optional<String> team) {
            return saved.values().stream().filter(s -> s.state() != ScheduleState.CANCELLED)
                    .filter(s -> team.isEmpty() || s.team().equals(team.get()))
                    .sorted(Comparator.comparing(TipSchedule::id)).toList();
        }

        @Override
        public boolean setState(String id, ScheduleState state) {
            return saved.computeIfPresent(id, (k, s) -> s.withState(state)) != null;
        }
    }
}
