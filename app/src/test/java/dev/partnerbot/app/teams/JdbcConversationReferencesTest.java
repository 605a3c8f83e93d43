package dev.partnerbot.app.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerbot.app.db.Database;
import dev.partnerbot.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConversationReferencesTest {

    @Test
    void savesOnceReplacesAndForgets(@TempDir Path dir) {
        try (Database db = Database.open(new Settings.Database("jdbc:h2:file:" + dir.resolve("db"), Optional.empty(), Optional.empty()))) {
            JdbcConversationReferences store = new JdbcConversationReferences(db.dataSource(), Clock.systemUTC());

            assertThat(store.save("tenant", "19:abc@thread.tacv2", "{\"v\":1}")).isTrue();
            assertThat(store.save("tenant", "19:abc@thread.tacv2", "{\"v\":2}")).isFalse();
            assertThat(store.find("tenant", "19:abc@thread.tacv2")).contains("{\"v\":2}");
            assertThat(store.find("other-tenant", "19:abc@thread.tacv2")).isEmpty();

            store.remove("tenant", "19:abc@thread.tacv2");
            assertThat(store.find("tenant", "19:abc@thread.tacv2")).isEmpty();
        }
    }
}
