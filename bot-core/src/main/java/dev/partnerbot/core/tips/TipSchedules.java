package dev.partnerbot.core.tips;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What managers (through an adapter) and operators (through the CLI) can do with schedules:
 * schedule, list, pause, resume, cancel, preview. Enforces the manager rule and keeps every
 * workspace/tenant to its own schedules: a schedule of another team is reported as not found.
 */
public final class TipSchedules {

    /** Who asks: a chat user in a workspace/tenant, or the trusted operator on the command line. */
    public record Actor(String platform, String team, String user, boolean trusted) {
        public static Actor cliOperator() {
            return new Actor("cli", "", "cli", true);
        }

        public static Actor chatUser(String platform, String team, String user) {
            return new Actor(platform, team, user, false);
        }
    }

    /** A new schedule as asked for. */
    public record Request(String platform, String team, String channel, DayOfWeek day, LocalTime time,
                          ZoneId zone, TipLanguage language) {
    }

    /** The outcome of a change. */
    public sealed interface Outcome {
        record Done(TipSchedule schedule) implements Outcome {
        }

        /** Only managers may change schedules (adapters show the playbook label {@code tips_managers_only}). */
        record NotAllowed() implements Outcome {
        }

        record NotFound(String id) implements Outcome {
        }
    }

    /** A schedule with its next run, for listings. */
    public record Listed(TipSchedule schedule, Optional<ZonedDateTime> nextRun) {
    }

    private final ScheduleStore store;
    private final ManagerPolicy policy;
    private final TipLibrary library;
    private final Clock clock;

    public TipSchedules(ScheduleStore store, ManagerPolicy policy, TipLibrary library, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.library = library;
        this.clock = clock;
    }

    public Outcome schedule(Actor actor, Request request) {
        if (!actor.trusted() && (!allowed(actor) || !actor.team().equals(request.team())
                || !actor.platform().equals(request.platform()))) {
            return new Outcome.NotAllowed();
        }
        TipSchedule schedule = new TipSchedule("ts-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                request.platform(), request.team(), request.channel(), request.day(), request.time(), request.zone(),
                request.language(), ScheduleState.ACTIVE, actor.user(), clock.instant(), 0);
        return new Outcome.Done(store.create(schedule));
    }

    /** Everyone in a team may see its schedules; the operator sees all (or one team's). */
    public List<Listed> list(Actor actor, Optional<String> team) {
        Optional<String> scope = actor.trusted() ? team : Optional.of(actor.team());
        return store.list(scope).stream()
                .filter(s -> actor.trusted() || s.platform().equals(actor.platform()))
                .map(s -> new Listed(s, nextRun(s)))
                .toList();
    }

    public Optional<ZonedDateTime> nextRun(TipSchedule schedule) {
        return schedule.state() == ScheduleState.ACTIVE
                ? Optional.of(schedule.cadence().nextAfter(clock.instant()))
                : Optional.empty();
    }

    public Outcome pause(Actor actor, String id) {
        return change(actor, id, ScheduleState.PAUSED);
    }

    public Outcome resume(Actor actor, String id) {
        return change(actor, id, ScheduleState.ACTIVE);
    }

    public Outcome cancel(Actor actor, String id) {
        return change(actor, id, ScheduleState.CANCELLED);
    }

    /** The tip the schedule would send next, without sending it. */
    public Optional<WeeklyTip> preview(Actor actor, String id) {
        return visible(actor, id).map(s -> library.next(s, s.cadence().weekOf(s.cadence().nextAfter(clock.instant()).toInstant())));
    }

    public Optional<TipSchedule> find(Actor actor, String id) {
        return visible(actor, id);
    }

    private Outcome change(Actor actor, String id, ScheduleState state) {
        Optional<TipSchedule> found = visible(actor, id);
        if (found.isEmpty()) {
            return new Outcome.NotFound(id);
        }
        if (!actor.trusted() && !allowed(actor)) {
            return new Outcome.NotAllowed();
        }
        if (!store.setState(id, state)) {
            return new Outcome.NotFound(id);
        }
        return new Outcome.Done(found.get().withState(state));
    }

    private Optional<TipSchedule> visible(Actor actor, String id) {
        return store.find(id)
                .filter(s -> s.state() != ScheduleState.CANCELLED)
                .filter(s -> actor.trusted() || (s.team().equals(actor.team()) && s.platform().equals(actor.platform())));
    }

    private boolean allowed(Actor actor) {
        return policy.mayManage(actor.platform(), actor.team(), actor.user());
    }
}
