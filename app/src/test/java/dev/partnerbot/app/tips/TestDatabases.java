package dev.partnerbot.app.tips;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.db.PostgresServer;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh migrated databases for tip tests: in-memory H2, or a database on a shared throwaway PostgreSQL. */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresServer postgres;

    private TestDatabases() {
    }

    public static Database h2() {
        String url = "jdbc:h2:mem:tips-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return Database.open(new Settings.Database(url, Optional.empty(), Optional.empty()));
    }

    public static synchronized Settings.Database postgresSettings() throws Exception {
        if (postgres == null) {
            postgres = PostgresServer.start();
            PostgresServer server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception ignored) {
                    // best effort at JVM exit
                }
            }));
        }
        String url = postgres.createDatabase("tips_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid());
        return new Settings.Database(url, Optional.of(postgres.user()), Optional.of(Secret.of("unused")));
    }

    public static Database postgres() throws Exception {
        return Database.open(postgresSettings());
    }
}
