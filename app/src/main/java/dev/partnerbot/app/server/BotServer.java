package dev.partnerbot.app.server;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.config.Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bot server: database, metrics, HTTP routes and the chat platform adapters that are on. */
public final class BotServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotServer.class);

    private final Database database;
    private final HttpServer http;

    private BotServer(Database database, HttpServer http) {
        this.database = database;
        this.http = http;
    }

    public static BotServer start(Settings settings) throws Exception {
        PrometheusMeterRegistry registry = Metrics.prometheus();
        Database database = Database.open(settings.database());
        try {
            Map<String, Boolean> adapters = new LinkedHashMap<>();
            adapters.put("slack", announce("slack", settings.slack().status()));
            adapters.put("teams", announce("teams", settings.teams().status()));

            HttpServer http = HttpServer.builder(settings.port(), registry)
                    .stopTimeout(settings.shutdownTimeout())
                    .route("/healthz", new HealthServlet(adapters, database::reachable))
                    .route("/metrics", new MetricsServlet(registry))
                    .start();
            log.info("listening on port {}", http.port());
            return new BotServer(database, http);
        } catch (Exception | Error e) {
            database.close();
            throw e;
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
        database.close();
    }
}
