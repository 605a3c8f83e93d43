package dev.partnerbot.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.advice.SituationCards;
import dev.partnerbot.core.tailor.Guardrails;
import dev.partnerbot.core.tailor.TailorPrompt;
import dev.partnerbot.core.tailor.TailorRequest;
import dev.partnerbot.core.tailor.TailorResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The LLM adapter against stand-ins speaking the documented OpenAI chat-completions, Azure OpenAI (v1) and
 * Ollama chat APIs: each answer is tailored or falls back exactly as specified.
 */
class LlmTailorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final String MESSAGE = "The client wants the renewal at a lower fee for exactly the same work.";
    private static final String GOOD = "{\"behaviours\":[\"payment_pressure\"],\"replies\":["
            + "{\"tone\":\"warm\",\"text\":\"Thanks for telling us about the budget early. Let's look at which parts of the work matter most, so a lower fee comes with a sharper scope.\"},"
            + "{\"tone\":\"firm\",\"text\":\"We can't deliver the same work for a lower fee. We can reduce the fee together with the scope, and I'll send options.\"}],"
            + "\"next_step\":\"Prepare two scope options with their fees and walk the client through them this week.\"}";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Duration> waits = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<Language, Playbook> playbooks = Playbook.loadAll();

    @BeforeEach
    void start() {
        server.start();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        server.stop();
    }

    private Settings.Llm settings(String provider, String path, Duration timeout) {
        return new Settings.Llm(provider, Optional.of(URI.create(server.baseUrl() + path)), Optional.of("test-model"),
                provider.equals("ollama") ? Optional.empty() : Optional.of(Secret.of(KEY)), true, timeout);
    }

    private LlmTailor tailor(Settings.Llm s) {
        return new LlmTailor(s, new TailorPrompt(playbooks), new Guardrails(Map.of()), registry, waits::add, Clock.systemUTC());
    }

    private static TailorRequest request(String text, Language language) {
        SituationCards.Card card = SituationCards.load(language).byQualifiedId("payment_pressure/fee_cut_next_period").orElseThrow();
        return new TailorRequest(text, language, List.of(new TailorRequest.Reading(Behaviour.PAYMENT_PRESSURE, 0.8,
                List.of("a lower fee"))), Optional.of(card), 0);
    }

    /** An OpenAI chat-completions response whose message content is {@code content}. */
    private static String completion(String content) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000).put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 812).put("completion_tokens", 96).put("total_tokens", 908);
        return JSON.writeValueAsString(root);
    }

    private void openAiAnswers(String content) throws Exception {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion(content))));
    }

    private TailorResult.Reason fallbackOf(TailorResult r) {
        assertThat(r).isInstanceOf(TailorResult.Fallback.class);
        return ((TailorResult.Fallback) r).reason();
    }

    private double fallbacks(TailorResult.Reason reason) {
        var c = registry.find("partnerbot_llm_fallbacks_total").tag("reason", reason.id()).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aGoodOpenAiAnswerIsTailoredWithOneStructuredCall() throws Exception {
        openAiAnswers(GOOD);
        TailorResult r = tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));

        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        TailorResult.Tailored t = (TailorResult.Tailored) r;
        assertThat(t.behaviours()).containsExactly(Behaviour.PAYMENT_PRESSURE);
        assertThat(t.replies()).extracting(x -> x.tone()).containsExactly(Tone.WARM, Tone.FIRM);
        assertThat(t.nextStep()).startsWith("Prepare two scope options");
        assertThat(t.promptTokens()).isEqualTo(812);
        assertThat(t.model()).isEqualTo("test-model");

        var requests = server.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = JSON.readTree(requests.get(0).getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(body.path("messages").get(1).path("content").asText()).endsWith(MESSAGE)
                .contains("payment_pressure").contains("Situation card");
        assertThat(registry.find("partnerbot_llm_tokens_total").tag("kind", "prompt").counter().count()).isEqualTo(812);
    }

    @Test
    void jsonWrappedInProseOrACodeFenceIsStillRead() throws Exception {
        openAiAnswers("Sure! Here is the answer:\n```json\n" + GOOD + "\n```\nHope this helps.");
        assertThat(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN)))
                .isInstanceOf(TailorResult.Tailored.class);
    }

    @Test
    void invalidJsonFallsBack() throws Exception {
        openAiAnswers("{\"behaviours\": [\"payment_pressure\"], \"replies\": [ oops");
        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.UNPARSABLE);
        assertThat(fallbacks(TailorResult.Reason.UNPARSABLE)).isEqualTo(1);
    }

    @Test
    void unknownBehaviourIdsAreDroppedAndTheRestKept() throws Exception {
        openAiAnswers(GOOD.replace("[\"payment_pressure\"]", "[\"stinginess\", \"payment_pressure\"]"));
        TailorResult r = tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));
        assertThat(((TailorResult.Tailored) r).behaviours()).containsExactly(Behaviour.PAYMENT_PRESSURE);
    }

    @Test
    void anEmptyBehaviourListMeansNotAboutAClient() throws Exception {
        openAiAnswers("{\"behaviours\":[],\"replies\":[],\"next_step\":\"\"}");
        TailorResult r = tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));
        assertThat(((TailorResult.Tailored) r).behaviours()).isEmpty();
    }

    @Test
    void repliesInTheWrongLanguageFallBack() throws Exception {
        openAiAnswers(GOOD);
        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5)))
                .tailor(request("客户续约时要求降价,但工作量一点不少。", Language.ZH)))).isEqualTo(TailorResult.Reason.WRONG_LANGUAGE);
    }

    @Test
    void aServileDraftFallsBack() throws Exception {
        openAiAnswers(GOOD.replace("Thanks for telling us about the budget early.", "Of course, whatever you say."));
        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.TONE);
    }

    @Test
    void anInventedAmountFallsBack() throws Exception {
        openAiAnswers(GOOD.replace("I'll send options.", "I'll send options by Friday, starting at 4,500 dollars."));
        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.INVENTED_FACT);
    }

    @Test
    void fewerThanTwoRepliesFallBack() throws Exception {
        openAiAnswers("{\"behaviours\":[\"payment_pressure\"],\"replies\":[{\"tone\":\"warm\",\"text\":\"Let's look at the scope together before we talk about the fee.\"}],\"next_step\":\"Call them.\"}");
        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.TOO_FEW_REPLIES);
    }

    @Test
    void unauthorizedFallsBackAndIsLoggedOnceWithoutTheKey() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")));
        LlmTailor t = tailor(settings("openai", "/v1", Duration.ofSeconds(5)));

        assertThat(fallbackOf(t.tailor(request(MESSAGE, Language.EN)))).isEqualTo(TailorResult.Reason.UNAUTHORIZED);
        assertThat(fallbackOf(t.tailor(request(MESSAGE, Language.EN)))).isEqualTo(TailorResult.Reason.UNAUTHORIZED);
        assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().contains("refused PartnerBot's credentials"))).hasSize(1);
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY).doesNotContain("renewal"));
        assertThat(t.toString()).doesNotContain(KEY);
    }

    @Test
    void rateLimitedIsRetriedAfterRetryAfterThenTailored() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\"}}")).willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(completion(GOOD))));

        TailorResult r = tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));

        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenFallBack() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));

        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.SERVER_ERROR);
        assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSize(1 + RetryAfterHttpClient.MAX_RETRIES);
    }

    @Test
    void aSlowAnswerBeyondTheTimeoutFallsBack() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(okJson(completion(GOOD)).withFixedDelay(1500)));

        assertThat(fallbackOf(tailor(settings("openai", "/v1", Duration.ofMillis(300))).tailor(request(MESSAGE, Language.EN))))
                .isEqualTo(TailorResult.Reason.TIMEOUT);
    }

    @Test
    void repeatedFailuresOpenTheCircuitSoNoFurtherCallsAreMade() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"bad\"}}")));
        LlmTailor t = tailor(settings("openai", "/v1", Duration.ofSeconds(5)));
        for (int i = 0; i < LlmTailor.BREAKER_FAILURES; i++) {
            t.tailor(request(MESSAGE, Language.EN));
        }
        int calls = server.findAll(postRequestedFor(anyUrl())).size();

        assertThat(fallbackOf(t.tailor(request(MESSAGE, Language.EN)))).isEqualTo(TailorResult.Reason.CIRCUIT_OPEN);
        assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSize(calls);
    }

    @Test
    void azureUsesItsOpenAiCompatibleEndpointWithTheApiKeyHeader() throws Exception {
        server.stubFor(post(urlPathEqualTo("/openai/v1/chat/completions")).withHeader("api-key", equalTo(KEY))
                .willReturn(okJson(completion(GOOD))));

        TailorResult r = tailor(settings("azure", "", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));

        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        var sent = server.findAll(postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))).get(0);
        assertThat(sent.getHeader("Authorization")).as("the key goes in api-key only").isNull();
        assertThat(JSON.readTree(sent.getBodyAsString()).path("model").asText()).isEqualTo("test-model");
    }

    @Test
    void ollamaUsesItsChatApiInJsonMode() throws Exception {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("model", "test-model").put("created_at", "2026-11-30T10:00:00Z").put("done", true)
                .put("prompt_eval_count", 700).put("eval_count", 90);
        answer.putObject("message").put("role", "assistant").put("content", GOOD);
        server.stubFor(post(urlEqualTo("/api/chat")).willReturn(okJson(JSON.writeValueAsString(answer))));

        TailorResult r = tailor(settings("ollama", "", Duration.ofSeconds(5))).tailor(request(MESSAGE, Language.EN));

        assertThat(r).isInstanceOf(TailorResult.Tailored.class);
        JsonNode body = JSON.readTree(server.findAll(postRequestedFor(urlEqualTo("/api/chat"))).get(0).getBodyAsString());
        assertThat(body.path("format").asText()).isEqualTo("json");
        assertThat(body.path("model").asText()).isEqualTo("test-model");
    }

    @Test
    void withoutConsentNoTailorIsMadeAndNothingIsSent() {
        Settings.Llm noConsent = new Settings.Llm("openai", Optional.of(URI.create(server.baseUrl() + "/v1")),
                Optional.of("test-model"), Optional.of(Secret.of(KEY)), false, Duration.ofSeconds(5));

        assertThat(LlmTailor.fromSettings(noConsent, new TailorPrompt(playbooks), new Guardrails(Map.of()), registry)).isEmpty();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theRequestBodyCanBeShownWithoutSendingIt() throws Exception {
        String body = LlmTailor.requestBody(settings("openai", "/v1", Duration.ofSeconds(5)), new TailorPrompt(playbooks),
                request(MESSAGE, Language.EN));

        assertThat(JSON.readTree(body).path("messages").get(1).path("content").asText()).endsWith(MESSAGE);
        assertThat(body).doesNotContain(KEY);
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
