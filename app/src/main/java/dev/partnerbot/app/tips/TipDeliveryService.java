package dev.partnerbot.app.tips;

import dev.partnerbot.app.tips.DeliveryLedger.Delivery;
import dev.partnerbot.app.tips.DeliveryLedger.Status;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyCadence;
import dev.partnerbot.core.tips.WeeklyTip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one schedule's tip for one slot, exactly once:
 * <ol>
 * <li>claim the (schedule, week) record (unique key) before anything is posted;</li>
 * <li>if an earlier attempt's outcome is unknown, ask the platform whether the tip is there
 *     (Slack looks for the message metadata); where it cannot tell, skip: a missed tip is better
 *     than a duplicate;</li>
 * <li>outside the grace window, record the week as missed;</li>
 * <li>post, paced per channel, honouring Retry-After and backing off on transient errors; a
 *     channel the bot was removed from pauses the schedule and tells its owner.</li>
 * </ol>
 * Returns what db-scheduler should do next with the schedule's execution.
 */
public final class TipDeliveryService {
    private static final Logger log = LoggerFactory.getLogger(TipDeliveryService.class);

    /** What to do with the schedule's execution after a run. */
    public sealed interface Plan {
        /** This week is settled: run again at the next slot. */
        record NextWeek(Instant slot) implements Plan {
        }

        /** Not settled yet: run the same slot again at {@code at}. */
        record RetryAt(Instant slot, Instant at) implements Plan {
        }

        /** The schedule is gone or cancelled: no more runs. */
        record Stop() implements Plan {
        }
    }

    /** Tuning; {@link #defaults(Duration)} are the production values. */
    public record Options(Duration graceWindow, Duration channelInterval, int attemptsPerRun,
                          Duration firstBackoff, Duration longestInlineWait, Duration retryLater) {
        public static Options defaults(Duration graceWindow) {
            return new Options(graceWindow, Duration.ofMillis(1100), 4, Duration.ofSeconds(1),
                    Duration.ofSeconds(30), Duration.ofMinutes(2));
        }
    }

    private final JdbcScheduleStore store;
    private final DeliveryLedger ledger;
    private final TipLibrary library;
    private final Map<String, TipDelivery> platforms;
    private final ChannelPacer pacer;
    private final TipMetrics metrics;
    private final Options options;
    private final Clock clock;
    private final String node;

    TipDeliveryService(JdbcScheduleStore store, DeliveryLedger ledger, TipLibrary library,
                       Map<String, TipDelivery> platforms, ChannelPacer pacer, TipMetrics metrics,
                       Options options, Clock clock, String node) {
        this.store = store;
        this.ledger = ledger;
        this.library = library;
        this.platforms = Map.copyOf(platforms);
        this.pacer = pacer;
        this.metrics = metrics;
        this.options = options;
        this.clock = clock;
        this.node = node;
    }

    /** Runs the schedule's slot. Called by the db-scheduler execution that owns the schedule. */
    public Plan run(String scheduleId, Instant slot) {
        Optional<TipSchedule> found = store.find(scheduleId);
        if (found.isEmpty() || found.get().state() == ScheduleState.CANCELLED) {
            log.info("tip schedule {} is gone or cancelled: no more runs", scheduleId);
            return new Plan.Stop();
        }
        TipSchedule schedule = found.get();
        WeeklyCadence cadence = schedule.cadence();
        Instant now = clock.instant();
        if (schedule.state() == ScheduleState.PAUSED) {
            return new Plan.NextWeek(cadence.nextAfter(now.isAfter(slot) ? now : slot).toInstant());
        }
        Plan.NextWeek nextWeek = new Plan.NextWeek(cadence.nextAfter(slot).toInstant());
        TipDelivery platform = platforms.get(schedule.platform());
        if (platform == null) {
            // The adapter is off in this process (no credentials): leave the slot to an instance that has it,
            // or to the grace window.
            if (Duration.between(slot, now).compareTo(options.graceWindow()) > 0) {
                return settleWithoutPost(schedule, slot, Status.MISSED, "platform_off");
            }
            return new Plan.RetryAt(slot, now.plus(options.retryLater()));
        }
        String week = cadence.weekOf(slot);
        String tipId = library.rotationFor(schedule.id()).tipAt(schedule.rotation());
        Delivery d = ledger.claim(schedule.id(), week, slot, tipId, schedule.rotation(), node);
        if (d.finished()) {
            return nextWeek;
        }
        try {
            return deliver(schedule, platform, d, nextWeek);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Plan.RetryAt(slot, clock.instant());
        }
    }

    private Plan deliver(TipSchedule schedule, TipDelivery platform, Delivery d, Plan.NextWeek nextWeek)
            throws InterruptedException {
        WeeklyTip tip = new WeeklyTip(library.tips(d.tipId(), schedule.language()), d.week(), d.position());
        String channelKey = schedule.platform() + ":" + schedule.team() + ":" + schedule.channel();
        Duration backoff = options.firstBackoff();
        for (int attempt = 0; attempt < options.attemptsPerRun(); attempt++) {
            if (d.inDoubt()) {
                PriorPost prior = platform.findPrior(schedule, d.week());
                if (prior instanceof PriorPost.Found f) {
                    recordSent(schedule, d, f.messageRef());
                    return nextWeek;
                }
                if (prior instanceof PriorPost.CheckFailed failedCheck) {
                    if (Duration.between(d.slot(), clock.instant()).compareTo(options.graceWindow()) <= 0) {
                        log.info("tip {}/{}: cannot look for an earlier post yet ({}), trying later",
                                schedule.id(), d.week(), failedCheck.reason());
                        return new Plan.RetryAt(d.slot(), clock.instant().plus(options.retryLater()));
                    }
                    prior = new PriorPost.Unknowable(failedCheck.reason());
                }
                if (prior instanceof PriorPost.Unknowable) {
                    log.warn("tip {}/{}: earlier attempt's outcome unknown and {} cannot tell: skipped",
                            schedule.id(), d.week(), schedule.platform());
                    if (ledger.finish(d, Status.SKIPPED, "outcome_unknown")) {
                        metrics.skipped(schedule.platform());
                    }
                    return nextWeek;
                }
                if (!ledger.clearDoubt(d)) {
                    return nextWeek; // someone else moved this delivery on
                }
                d = d.cleared();
            }
            if (Duration.between(d.slot(), clock.instant()).compareTo(options.graceWindow()) > 0) {
                log.info("tip {}/{} missed: {} late, beyond the grace window", schedule.id(), d.week(),
                        Duration.between(d.slot(), clock.instant()));
                if (ledger.finish(d, Status.MISSED, "beyond_grace")) {
                    metrics.missed(schedule.platform());
                }
                return nextWeek;
            }
            pacer.await(channelKey);
            if (!ledger.startAttempt(d, node)) {
                return nextWeek; // fenced off: another instance owns this delivery now
            }
            d = d.attempted();
            DeliveryResult result = platform.deliver(schedule, tip);
            if (result instanceof DeliveryResult.Sent sent) {
                recordSent(schedule, d, sent.messageRef());
                return nextWeek;
            }
            if (result instanceof DeliveryResult.RetryAfter r) {
                ledger.clearDoubt(d);
                d = d.cleared();
                pacer.backOff(channelKey, r.delay());
                if (r.delay().compareTo(options.longestInlineWait()) > 0) {
                    return new Plan.RetryAt(d.slot(), clock.instant().plus(r.delay()));
                }
                attempt--; // a rate limit is not a failure: wait as told and go again
                if (d.attempts() > options.attemptsPerRun() * 4) {
                    return new Plan.RetryAt(d.slot(), clock.instant().plus(options.retryLater()));
                }
                continue;
            }
            if (result instanceof DeliveryResult.ChannelGone gone) {
                ledger.finish(d, Status.FAILED, "channel_gone:" + gone.reason());
                metrics.failed(schedule.platform(), "channel_gone");
                store.setState(schedule.id(), ScheduleState.PAUSED, gone.reason());
                boolean told = platform.notifyPaused(schedule, gone.reason());
                log.warn("tip schedule {} paused: {} ({}owner notified)", schedule.id(), gone.reason(), told ? "" : "no ");
                return nextWeek;
            }
            DeliveryResult.Failed failed = (DeliveryResult.Failed) result;
            if (!failed.transientFailure()) {
                ledger.finish(d, Status.FAILED, failed.reason());
                metrics.failed(schedule.platform(), "permanent");
                log.warn("tip {}/{} failed: {}", schedule.id(), d.week(), failed.reason());
                return nextWeek;
            }
            log.info("tip {}/{} attempt {} failed transiently ({}), backing off {}", schedule.id(), d.week(),
                    d.attempts(), failed.reason(), backoff);
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2);
        }
        // Still in doubt after the inline attempts: come back later; the grace window bounds the retries.
        return new Plan.RetryAt(d.slot(), clock.instant().plus(options.retryLater()));
    }

    private void recordSent(TipSchedule schedule, Delivery d, String messageRef) {
        if (ledger.markSent(d, messageRef)) {
            metrics.sent(schedule.platform(), Duration.between(d.slot(), clock.instant()));
        }
    }

    private Plan settleWithoutPost(TipSchedule schedule, Instant slot, Status status, String reason) {
        WeeklyCadence cadence = schedule.cadence();
        String week = cadence.weekOf(slot);
        String tipId = library.rotationFor(schedule.id()).tipAt(schedule.rotation());
        Delivery d = ledger.claim(schedule.id(), week, slot, tipId, schedule.rotation(), node);
        if (!d.finished() && !d.inDoubt() && ledger.finish(d, status, reason)) {
            metrics.missed(schedule.platform());
        }
        return new Plan.NextWeek(cadence.nextAfter(slot).toInstant());
    }

    /**
     * Posts the schedule's next tip now, as a test: no delivery record, the rotation does not move,
     * and the week's own tip is still sent at its time.
     */
    public DeliveryResult sendNow(TipSchedule schedule) throws InterruptedException {
        TipDelivery platform = platforms.get(schedule.platform());
        if (platform == null) {
            return new DeliveryResult.Failed(schedule.platform() + " delivery is not configured", false);
        }
        WeeklyTip next = library.next(schedule, WeeklyTip.SEND_NOW);
        pacer.await(schedule.platform() + ":" + schedule.team() + ":" + schedule.channel());
        return platform.deliver(schedule, next);
    }
}
