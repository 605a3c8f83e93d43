package dev.partnerbot.app.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.partnerbot.app.llm.TailoringSetup;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.llm.LlmTailor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code interpret --jsonl} with {@code PARTNERBOT_LLM_PROVIDER=openai} and {@code PARTNERBOT_LLM_URL} at an
 * OpenAI-compatible stand-in: lines carry {@code "tailored": true} with the model's drafts, and
 * {@code "tailored": false} with the offline answer when the model fails.
 */
class InterpretTailoredTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WARM = "Thanks for being open about the budget. Let's agree which parts of the work matter most before we talk about the fee.";
    private static WireMockServer model;
    private static Coach coach;
    private static LlmTailor tailor;

    @BeforeAll
    static void start() {
        model = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        model.start();
        coach = Coach.load();
        tailor = TailoringSetup.apply(SettingsLoader.load(Map.of(
                "PARTNERBOT_LLM_PROVIDER", "openai",
                "PARTNERBOT_LLM_URL", model.baseUrl() + "/v1",
                "PARTNERBOT_LLM_MODEL", "stand-in",
                "PARTNERBOT_LLM_API_KEY", "sk-stand-in",
                "PARTNERBOT_LLM_SEND_TEXT", "true"), Optional.empty()).llm(), coach, new SimpleMeterRegistry()).orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        tailor.close();
        coach.close();
        model.stop();
    }

    @BeforeEach
    void reset() {
        model.resetAll();
    }

    private static String completion(String content) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "c1").put("object", "chat.completion").put("created", 1).put("model", "stand-in");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        return JSON.writeValueAsString(root);
    }

    @Test
    void aLineIsMarkedTailoredWithTheModelsDrafts() throws Exception {
        model.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion(
                "{\"behaviours\":[\"payment_pressure\"],\"replies\":[{\"tone\":\"warm\",\"text\":\"" + WARM + "\"},"
                        + "{\"tone\":\"firm\",\"text\":\"We can lower the fee only together with the scope; I will send options.\"}],"
                        + "\"next_step\":\"Prepare two scope options with their fees.\"}"))));

        JsonNode out = JSON.readTree(JsonLines.answer("{\"id\":\"t1\",\"text\":\"They want the same work next year for less money.\"}",
                coach, true));

        assertThat(out.path("tailored").asBoolean()).isTrue();
        assertThat(out.path("model").asText()).isEqualTo("stand-in");
        assertThat(out.path("behaviours").findValuesAsText("id")).containsExactly("payment_pressure");
        assertThat(out.path("replies").get(0).path("text").asText()).isEqualTo(WARM);
        assertThat(out.path("next_step").asText()).isEqualTo("Prepare two scope options with their fees.");
    }

    @Test
    void aFailedCallLeavesTheOfflineAnswerMarkedNotTailored() throws Exception {
        model.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)));

        JsonNode out = JSON.readTree(JsonLines.answer("{\"id\":\"t2\",\"text\":\"They want the same work next year for less money.\"}",
                coach, true));

        assertThat(out.path("tailored").asBoolean(true)).isFalse();
        assertThat(out.has("model")).isFalse();
        assertThat(out.path("id").asText()).isEqualTo("t2");
    }
}
