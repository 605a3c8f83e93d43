package dev.partnerbot.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersHealthAndMetricsWithoutAnyCredentials(@TempDir Path dir) throws Exception {
        Settings settings = SettingsLoader.load(Map.of(
                "PORT", "1", // replaced below: the test binds a free port
                "DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE"), Optional.empty());
        settings = new Settings(0, settings.database(), settings.slack(), settings.teams(), settings.managers(),
                settings.tipGraceWindow(), settings.shutdownTimeout());

        try (BotServer server = BotServer.start(settings)) {
            HttpResponse<String> health = get(server, "/healthz");
            JsonNode json = new ObjectMapper().readTree(health.body());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.path("status").asText()).isEqualTo("ok");
            assertThat(json.path("adapters").path("slack").asBoolean(true)).isFalse();
            assertThat(json.path("adapters").path("teams").asBoolean(true)).isFalse();
            assertThat(json.path("database").path("reachable").asBoolean()).isTrue();

            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("jetty_server_requests_seconds_count");
        }
    }

    @Test
    void unknownPathIsNotFound(@TempDir Path dir) throws Exception {
        Settings base = SettingsLoader.load(Map.of("DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db")), Optional.empty());
        Settings settings = new Settings(0, base.database(), base.slack(), base.teams(), base.managers(),
                base.tipGraceWindow(), base.shutdownTimeout());
        try (BotServer server = BotServer.start(settings)) {
            assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(BotServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
