package dev.partnerbot.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.Activity;
import dev.partnerbot.teams.inbound.ActivityJson;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ActivityJsonTest {
    private final ActivityJson json = new ActivityJson();

    @Test
    void readsATimestampWithoutFractionalSeconds() throws Exception {
        Activity a = json.read("{\"type\": \"message\", \"timestamp\": \"2024-05-06T10:15:30Z\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(a.getTimestamp()).isEqualTo(OffsetDateTime.parse("2024-05-06T10:15:30Z"));
    }

    @Test
    void readsFractionsAsFractionsNotNanoseconds() throws Exception {
        Activity a = json.read("{\"type\": \"message\", \"timestamp\": \"2024-05-06T10:15:30.5120000Z\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(a.getTimestamp().getNano()).isEqualTo(512_000_000);
    }
}
