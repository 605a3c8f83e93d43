package dev.partnerbot.app.tips;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.ManagerPolicy;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.TipSchedules;
import dev.partnerbot.core.tips.WorkspaceRoles;
import dev.partnerbot.slack.tips.SlackTipDelivery;
import dev.partnerbot.slack.tips.SlackWorkspaceRoles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly-tips feature wired together: schedule store, delivery ledger, delivery service and a
 * db-scheduler {@link Scheduler} over the application's database. Several instances against one
 * PostgreSQL share the executions; each (schedule, week) is delivered once.
 *
 * <p>Adapters use {@link #schedules()} (manager rule and tenant isolation enforced) and
 * {@link #managerPolicy()}; the server calls {@link #start()} and {@link #close()}.
 */
public final class WeeklyTips implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WeeklyTips.class);

    private final JdbcScheduleStore store;
    private final DeliveryLedger ledger;
    private final TipDeliveryService service;
    private final TipSchedules schedules;
    private final ManagerPolicy policy;
    private final Scheduler scheduler;
    private final Duration shutdownWait;
    private volatile boolean started;

    private WeeklyTips(Builder b) {
        TipLibrary library = b.library == null ? TipLibrary.load() : b.library;
        this.store = new JdbcScheduleStore(b.dataSource, b.clock);
        this.ledger = new DeliveryLedger(b.dataSource, b.clock);
        String node = b.name == null ? defaultName() : b.name;
        this.service = new TipDeliveryService(store, ledger, library, b.platforms,
                new ChannelPacer(b.options.channelInterval()), new TipMetrics(b.registry), b.options, b.clock, node);
        this.policy = new ManagerPolicy(b.managers, b.roles);
        this.schedules = new TipSchedules(store, policy, library, b.clock);
        this.shutdownWait = b.shutdownWait;
        var builder = Scheduler.create(b.dataSource, WeeklyTipTask.delivering(service, b.clock))
                .serializer(WeeklyTipTask.SLOT_SERIALIZER)
                .schedulerName(new SchedulerName.Fixed(node))
                .threads(b.threads)
                .pollingInterval(b.pollingInterval)
                .heartbeatInterval(b.heartbeatInterval)
                .missedHeartbeatsLimit(b.missedHeartbeats)
                .shutdownMaxWait(b.shutdownWait)
                .enableImmediateExecution();
        if (b.lockAndFetch) {
            // PostgreSQL: one SELECT ... FOR UPDATE SKIP LOCKED picks a batch; cheaper with many due executions.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        this.scheduler = builder.build();
    }

    /** Production wiring from settings: Slack delivery when a bot token is set, plus any other platforms given. */
    public static WeeklyTips fromSettings(Settings settings, DataSource dataSource, MeterRegistry registry,
                                          Map<String, TipDelivery> otherPlatforms) {
        Map<String, TipDelivery> platforms = new HashMap<>(otherPlatforms);
        Map<String, WorkspaceRoles> roles = new HashMap<>();
        settings.slack().botToken().ifPresent(token -> {
            Optional<String> fixed = Optional.of(token.reveal());
            platforms.put("slack", new SlackTipDelivery(settings.slack().apiUrl(), team -> fixed,
                    Playbook.loadAll(), Clock.systemUTC()));
            roles.put("slack", new SlackWorkspaceRoles(settings.slack().apiUrl(), team -> fixed));
        });
        return builder(dataSource)
                .platforms(platforms)
                .roles(roles)
                .managers(settings.managers())
                .registry(registry)
                .options(TipDeliveryService.Options.defaults(settings.tipGraceWindow()))
                .lockAndFetch(settings.database().isPostgres())
                .build();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Re-plans any schedule without a planned run, then starts executing due runs. */
    public void start() {
        int replanned = store.replanAll();
        if (replanned > 0) {
            log.info("weekly tips: planned {} schedule(s) that had no run", replanned);
        }
        scheduler.start();
        started = true;
    }

    /** Schedule operations for adapters and the CLI (manager rule, tenant isolation). */
    public TipSchedules schedules() {
        return schedules;
    }

    public ManagerPolicy managerPolicy() {
        return policy;
    }

    public JdbcScheduleStore store() {
        return store;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    /** Posts the schedule's next tip now as a test (no record, rotation unchanged). */
    public DeliveryResult sendNow(TipSchedule schedule) throws InterruptedException {
        return service.sendNow(schedule);
    }

    /** Stops picking new runs and waits up to the shutdown wait for running deliveries. */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        log.info("weekly tips: stopping (waiting up to {} s for deliveries in progress)", shutdownWait.toSeconds());
        scheduler.stop();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }

    /** Wiring options; defaults suit production. */
    public static final class Builder {
        private final DataSource dataSource;
        private TipLibrary library;
        private Map<String, TipDelivery> platforms = Map.of();
        private Map<String, WorkspaceRoles> roles = Map.of();
        private Set<String> managers = Set.of();
        private MeterRegistry registry = new SimpleMeterRegistry();
        private Clock clock = Clock.systemUTC();
        private TipDeliveryService.Options options = TipDeliveryService.Options.defaults(Duration.ofHours(6));
        private String name;
        private int threads = 16;
        private Duration pollingInterval = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofMinutes(1);
        private int missedHeartbeats = 6;
        private Duration shutdownWait = Duration.ofSeconds(20);
        private boolean lockAndFetch;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        public Builder library(TipLibrary library) { this.library = library; return this; }
        /** Delivery per platform id ({@code "slack"}, {@code "teams"}). */
        public Builder platforms(Map<String, TipDelivery> platforms) { this.platforms = Map.copyOf(platforms); return this; }
        public Builder roles(Map<String, WorkspaceRoles> roles) { this.roles = Map.copyOf(roles); return this; }
        public Builder managers(Set<String> managers) { this.managers = Set.copyOf(managers); return this; }
        public Builder registry(MeterRegistry registry) { this.registry = registry; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder options(TipDeliveryService.Options options) { this.options = options; return this; }
        /** Scheduler instance name (at most 50 characters); unique per running instance. */
        public Builder name(String name) { this.name = name; return this; }
        public Builder threads(int threads) { this.threads = threads; return this; }
        public Builder pollingInterval(Duration d) { this.pollingInterval = d; return this; }
        public Builder heartbeatInterval(Duration d) { this.heartbeatInterval = d; return this; }
        public Builder missedHeartbeats(int n) { this.missedHeartbeats = n; return this; }
        public Builder shutdownWait(Duration d) { this.shutdownWait = d; return this; }
        public Builder lockAndFetch(boolean on) { this.lockAndFetch = on; return this; }

        public WeeklyTips build() {
            return new WeeklyTips(this);
        }
    }
}
