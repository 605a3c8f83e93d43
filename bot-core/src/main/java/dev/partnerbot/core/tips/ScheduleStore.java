package dev.partnerbot.core.tips;

import java.util.List;
import java.util.Optional;

/** Port: where tip schedules live (the app implements it with JDBC). */
public interface ScheduleStore {

    /** Stores a new schedule and makes sure its first run is planned. */
    TipSchedule create(TipSchedule schedule);

    Optional<TipSchedule> find(String id);

    /** Schedules of one workspace/tenant, or all when {@code team} is empty; cancelled ones excluded. */
    List<TipSchedule> list(Optional<String> team);

    /** Changes the state; false when there is no such schedule or it is already cancelled. */
    boolean setState(String id, ScheduleState state);
}
