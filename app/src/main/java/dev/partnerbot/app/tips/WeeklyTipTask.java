package dev.partnerbot.app.tips;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.partnerbot.core.tips.TipSchedule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The db-scheduler task behind weekly tips: one execution per schedule (instance id = schedule
 * id), whose data is the slot it is for (an ISO instant). The execution is rescheduled to the
 * next slot when a week is done, or to a retry time with the same slot. An execution whose
 * instance died (no heartbeat) is revived on another instance by db-scheduler.
 */
public final class WeeklyTipTask {
    public static final String NAME = "weekly-tip";
    static final TaskDescriptor<String> DESCRIPTOR = TaskDescriptor.of(NAME, String.class);
    /** After an unexpected failure (database down...), try the same slot again after this. */
    static final Duration FAILURE_RETRY = Duration.ofSeconds(30);

    /** Slot data is stored as plain UTF-8 text: readable in the table and free of Java serialization. */
    static final Serializer SLOT_SERIALIZER = new Serializer() {
        @Override
        public byte[] serialize(Object data) {
            return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T deserialize(Class<T> clazz, byte[] bytes) {
            return bytes == null ? null : clazz.cast(new String(bytes, StandardCharsets.UTF_8));
        }
    };

    private WeeklyTipTask() {
    }

    /** The task that delivers; registered with the running scheduler. */
    static CustomTask<String> delivering(TipDeliveryService service, Clock clock) {
        return Tasks.custom(DESCRIPTOR)
                .onFailure((complete, ops) -> ops.reschedule(complete, clock.instant().plus(FAILURE_RETRY)))
                .onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
                .execute((instance, context) -> {
                    Instant slot = instance.getData() == null
                            ? context.getExecution().executionTime
                            : Instant.parse(instance.getData());
                    TipDeliveryService.Plan plan = service.run(instance.getId(), slot);
                    return completion(plan);
                });
    }

    private static CompletionHandler<String> completion(TipDeliveryService.Plan plan) {
        if (plan instanceof TipDeliveryService.Plan.NextWeek next) {
            return (complete, ops) -> ops.reschedule(complete, next.slot(), next.slot().toString());
        }
        if (plan instanceof TipDeliveryService.Plan.RetryAt retry) {
            return (complete, ops) -> ops.reschedule(complete, retry.at(), retry.slot().toString());
        }
        return (complete, ops) -> ops.remove();
    }

    /** A task usable only to plan executions (the CLI plans, the server delivers). */
    static CustomTask<String> planningOnly() {
        return Tasks.custom(DESCRIPTOR).execute((instance, context) -> {
            throw new IllegalStateException("weekly tips are delivered by the server, not this process");
        });
    }

    /** Plans the first run of a schedule, unless it already has one. */
    static boolean plan(SchedulerClient client, TipSchedule schedule, Instant now) {
        Instant slot = schedule.cadence().nextAfter(now).toInstant();
        return client.scheduleIfNotExists(DESCRIPTOR.instance(schedule.id()).data(slot.toString()).build(), slot);
    }

    /** A client that writes executions into the table of this database. */
    static SchedulerClient client(DataSource dataSource) {
        return SchedulerClient.Builder.create(dataSource, planningOnly()).serializer(SLOT_SERIALIZER).build();
    }
}
