package dev.partnerbot.slack;

import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.ScheduleStore;
import dev.partnerbot.core.tips.TipSchedule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the application's JDBC schedule store does, in memory. */
final class MemorySchedules implements ScheduleStore {
    final Map<String, TipSchedule> saved = new ConcurrentHashMap<>();

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
        return saved.values().stream()
                .filter(s -> s.state() != ScheduleState.CANCELLED)
                .filter(s -> team.isEmpty() || s.team().equals(team.get()))
                .sorted(java.util.Comparator.comparing(TipSchedule::id))
                .toList();
    }

    @Override
    public boolean setState(String id, ScheduleState state) {
        TipSchedule s = saved.get(id);
        if (s == null || s.state() == ScheduleState.CANCELLED) {
            return false;
        }
        saved.put(id, s.withState(state));
        return true;
    }
}
