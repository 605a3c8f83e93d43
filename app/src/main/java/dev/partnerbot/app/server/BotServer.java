package dev.partnerbot.app.server;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.feedback.FeedbackCounts;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.app.slack.JdbcInstallations;
import dev.partnerbot.app.teams.JdbcConversationReferences;
import dev.partnerbot.app.tips.TipsHome;
import dev.partnerbot.app.tips.WeeklyTips;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.PriorPost;
import dev.partnerbot.core.tips.TipDelivery;
import dev.partnerbot.core.tips.TipLibrary;
import dev.partnerbot.core.tips.TipSchedule;
import dev.partnerbot.core.tips.WeeklyTip;
import dev.partnerbot.slack.SlackAdapter;
import dev.partnerbot.teams.TeamsIntegration;
import dev.partnerbot.app.delivery.JdbcMessageClaims;
import dev.partnerbot.app.db.EncryptedColumns;
import dev.partnerbot.app.db.SecretCipher;
import dev.partnerbot.app.slack.JdbcInstallStates;
import dev.partnerbot.app.llm.TailoringSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bot server: database, metrics, HTTP routes and the chat platform adapters that are on. */
public final class BotServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotServer.class);

    private final Database database;
    private final HttpServer http;
    private final Coach coach;
    private final List<AutoCloseable> adapters;

    private BotServer(Database database, HttpServer http, Coach coach, List<AutoCloseable> adapters) {
        this.database = database;
        this.http = http;
        this.coach = coach;
        this.adapters = adapters;
    }

    /** Starts on the built-in models and playbooks. */
    public static BotServer start(Settings settings) throws Exception {
        return start(settings, Coach::load);
    }

    public static BotServer start(Settings settings, Supplier<Coach> coaches) throws Exception {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Database database = Database.open(settings.database());
        java.util.Optional<SecretCipher> cipher = SecretCipher.of(settings.database().encryptionKey(),
                settings.database().previousEncryptionKey());
        try {
            // Stored tokens readable with the configured keys, clear ones encrypted, or no start at all.
            EncryptedColumns.check(database.dataSource(), cipher);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        List<AutoCloseable> running = new ArrayList<>();
        Coach coach = null;
        try {
            coach = coaches.get();
            // The optional language model: only with the operator's consent; the offline answer always comes first.
            TailoringSetup.apply(settings.llm(), coach, registry).ifPresent(running::add);
            FeedbackCounts feedback = new FeedbackCounts(database.dataSource(), registry);
            // Each user message is answered once across all instances on this database.
            JdbcMessageClaims claims = new JdbcMessageClaims(database.dataSource(), java.time.Clock.systemUTC());
            java.util.concurrent.ScheduledExecutorService cleanup = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "message-claims-cleanup");
                t.setDaemon(true);
                return t;
            });
            cleanup.scheduleWithFixedDelay(claims::deleteExpired, 10, 10, java.util.concurrent.TimeUnit.MINUTES);
            running.add(cleanup::shutdownNow);
            Map<String, Boolean> status = new LinkedHashMap<>();
            HttpServer.Builder routes = HttpServer.builder(settings.port(), registry)
                    .stopTimeout(settings.shutdownTimeout())
                    .route("/metrics", new MetricsServlet(registry));

            // Weekly tips come first so that both adapters can offer their commands. Teams delivers tips through
            // its integration, built below: the scheduler gets a delivery that forwards to it once it exists
            // (the scheduler only starts at the end of start-up).
            boolean slackOn = announce("slack", settings.slack().status());
            boolean teamsOn = announce("teams", settings.teams().status());
            TeamsTipDeliveryLater teamsTips = new TeamsTipDeliveryLater();
            Map<String, TipDelivery> tipPlatforms = new LinkedHashMap<>();
            if (teamsOn) {
                tipPlatforms.put("teams", teamsTips);
            }
            WeeklyTips tips = WeeklyTips.fromSettings(settings, database.dataSource(), registry, tipPlatforms);
            running.add(tips);

            SlackAdapter slack = null;
            if (slackOn) {
                slack = SlackAdapter.builder(settings.slack(), coach, feedback)
                        .claims(claims)
                        .installations(new JdbcInstallations(database.dataSource(), java.time.Clock.systemUTC(), cipher))
                        .installStates(new JdbcInstallStates(database.dataSource(), java.time.Clock.systemUTC()))
                        .tips(tips.schedules(), tips.managerPolicy(), tips::sendNow)
                        .homeExtras(new TipsHome(tips.schedules(), tips.managerPolicy(), TipLibrary.load(),
                                Playbook.loadAll(), java.time.Clock.systemUTC()))
                        .build();
                running.add(slack);
                SlackAdapter wired = slack;
                io.micrometer.core.instrument.Gauge.builder("partnerbot_slack_work_queue_depth", wired.work(), w -> w.queued())
                        .description("Slack work waiting for a worker").register(registry);
                io.micrometer.core.instrument.Gauge.builder("partnerbot_slack_work_queue_capacity", wired.work(), w -> w.capacity())
                        .register(registry);
                io.micrometer.core.instrument.Timer waits = io.micrometer.core.instrument.Timer.builder("partnerbot_slack_work_wait_seconds")
                        .description("time Slack work waited in the queue").publishPercentileHistogram().register(registry);
                io.micrometer.core.instrument.Counter refused = io.micrometer.core.instrument.Counter
                        .builder("partnerbot_slack_work_rejected_total").description("Slack work refused (sender told busy)")
                        .register(registry);
                wired.work().listen(new dev.partnerbot.slack.work.Background.Listener() {
                    @Override
                    public void waited(long nanos) {
                        waits.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                    }

                    @Override
                    public void rejected() {
                        refused.increment();
                    }
                });
                if (!slack.socketMode()) {
                    routes.route("/slack/events", slack.servlet());
                    slack.installServlet().ifPresent(install -> routes
                            .route(SlackAdapter.INSTALL_PATH, install)
                            .route(SlackAdapter.OAUTH_REDIRECT_PATH, install));
                }
            }
            status.put("slack", slackOn);

            if (teamsOn) {
                TeamsIntegration teams = TeamsIntegration.builder(settings.teams(), coach, feedback,
                        new JdbcConversationReferences(database.dataSource(), java.time.Clock.systemUTC()))
                        .claims(claims)
                        .tips(tips.schedules())
                        .build();
                running.add(teams);
                routes.route("/api/messages", teams.servlet());
                teamsTips.deliverThrough(teams.tipDelivery());
            }
            status.put("teams", teamsOn);

            HttpServer http = routes.route("/healthz", new HealthServlet(status, database::reachable)).start();
            if (slack != null) {
                slack.start();
            }
            tips.start();
            log.info("listening on port {}", http.port());
            return new BotServer(database, http, coach, running);
        } catch (Exception | Error e) {
            closeAll(running);
            if (coach != null) {
                coach.close();
            }
            database.close();
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("close failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static boolean announce(String name, Settings.AdapterStatus status) {
        if (status.enabled()) {
            log.info("{} adapter on ({})", name, status.detail());
        } else {
            log.info("{} adapter off: {}", name, status.detail());
        }
        return status.enabled();
    }

    public int port() {
        return http.port();
    }

    public void join() throws InterruptedException {
        http.join();
    }

    /** Stops accepting, lets in-flight requests finish within the stop timeout, then closes the database. */
    @Override
    public void close() {
        http.close();
        closeAll(adapters);
        try {
            coach.close();
        } catch (Exception e) {
            log.warn("coach close failed: {}", e.getClass().getSimpleName());
        }
        database.close();
    }

    /** The Teams tip delivery, which exists only once the Teams integration is built (after the tips). */
    private static final class TeamsTipDeliveryLater implements TipDelivery {
        private volatile TipDelivery target;

        void deliverThrough(TipDelivery delivery) {
            this.target = delivery;
        }

        @Override
        public DeliveryResult deliver(TipSchedule schedule, WeeklyTip tip) {
            TipDelivery t = target;
            return t == null ? new DeliveryResult.Failed("the Teams adapter is not ready", true) : t.deliver(schedule, tip);
        }

        @Override
        public PriorPost findPrior(TipSchedule schedule, String week) {
            TipDelivery t = target;
            return t == null ? TipDelivery.super.findPrior(schedule, week) : t.findPrior(schedule, week);
        }

        @Override
        public boolean notifyPaused(TipSchedule schedule, String reason) {
            TipDelivery t = target;
            return t != null && t.notifyPaused(schedule, reason);
        }
    }
}
