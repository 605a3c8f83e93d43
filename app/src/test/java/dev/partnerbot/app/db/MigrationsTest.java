package dev.partnerbot.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void migratesEmbeddedH2FileDatabase(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("data/partnerbot") + ";AUTO_SERVER=TRUE";
        try (Database db = Database.open(new Settings.Database(url, Optional.empty(), Optional.empty()))) {
            assertThat(db.reachable()).isTrue();
            assertThat(appliedVersions(db)).contains("1");
        }
        assertThat(dir.resolve("data/partnerbot.mv.db")).exists();
    }

    @Test
    void migratesRealPostgres() throws Exception {
        String url = postgres.createDatabase("migrations_test");
        Settings.Database settings = new Settings.Database(url, Optional.of(postgres.user()), Optional.of(Secret.of("unused")));
        try (Database db = Database.open(settings)) {
            assertThat(db.reachable()).isTrue();
            assertThat(appliedVersions(db)).contains("1");
        }
        // Opening again applies nothing new and does not fail.
        try (Database db = Database.open(settings)) {
            assertThat(appliedVersions(db)).doesNotHaveDuplicates();
        }
    }

    private static List<String> appliedVersions(Database db) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
