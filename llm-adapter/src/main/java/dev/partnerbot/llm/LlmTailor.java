package dev.partnerbot.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.tailor.Guardrails;
import dev.partnerbot.core.tailor.Tailor;
import dev.partnerbot.core.tailor.TailorPrompt;
import dev.partnerbot.core.tailor.TailorRequest;
import dev.partnerbot.core.tailor.TailorResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tailoring through LangChain4j's chat models: {@code openai} (OpenAI or any OpenAI-compatible server, key
 * as {@code Authorization: Bearer}), {@code azure} (Azure OpenAI's OpenAI-compatible v1 endpoint,
 * {@code <url>/openai/v1}, key as {@code api-key}, model = deployment name) and {@code ollama}. One call per
 * message with JSON mode, bounded by the configured timeout; 429 and 5xx are retried by the transport
 * ({@link RetryAfterHttpClient}); after {@value #BREAKER_FAILURES} failures in a row calls pause for
 * {@link #BREAKER_PAUSE}. Every answer goes through {@link Guardrails}; every failure is a
 * {@link TailorResult.Fallback} with its reason, counted in {@code partnerbot_llm_fallbacks_total{reason}},
 * and logged on one line without text. A 401 or 403 is logged once as a configuration problem.
 *
 * <p>Metrics: {@code partnerbot_llm_calls_total{outcome}}, {@code partnerbot_llm_latency_seconds},
 * {@code partnerbot_llm_fallbacks_total{reason}}, {@code partnerbot_llm_tokens_total{kind}} (from the
 * response's usage).
 */
public final class LlmTailor implements Tailor, AutoCloseable {
    static final int BREAKER_FAILURES = 5;
    static final Duration BREAKER_PAUSE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(LlmTailor.class);

    private final Settings.Llm settings;
    private final TailorPrompt prompt;
    private final Guardrails guardrails;
    private final ChatModel model;
    private final Clock clock;
    private final ExecutorService calls;
    private final ThreadLocal<Instant> deadline = new ThreadLocal<>();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong pausedUntil = new AtomicLong();
    private final AtomicBoolean authProblemLogged = new AtomicBoolean();
    private final MeterRegistry registry;
    private final Timer latency;

    /**
     * A tailor for the configured provider, or empty (with one log line saying why) when the provider is off
     * or the operator has not consented to sending message text.
     */
    public static Optional<LlmTailor> fromSettings(Settings.Llm settings, TailorPrompt prompt, Guardrails guardrails,
                                                   MeterRegistry registry) {
        if (!settings.configured()) {
            return Optional.empty();
        }
        if (!settings.sendText()) {
            log.warn("LLM {} configured but PARTNERBOT_LLM_SEND_TEXT is not true: no message text leaves this process, "
                    + "answers stay offline", settings.provider());
            return Optional.empty();
        }
        LlmTailor tailor = new LlmTailor(settings, prompt, guardrails, registry, RetryAfterHttpClient.Sleeper.REAL,
                Clock.systemUTC());
        log.info("LLM tailoring on: provider {}, model {}, host {}; users' message text is sent to it (PARTNERBOT_LLM_SEND_TEXT=true)",
                settings.provider(), settings.model().orElse("?"), settings.url().map(URI::getHost).orElse("?"));
        return Optional.of(tailor);
    }

    LlmTailor(Settings.Llm settings, TailorPrompt prompt, Guardrails guardrails, MeterRegistry registry,
              RetryAfterHttpClient.Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.prompt = prompt;
        this.guardrails = guardrails;
        this.clock = clock;
        this.registry = registry;
        this.model = chatModel(settings, new RetryAfterHttpClient.Builder(sleeper,
                () -> Optional.ofNullable(deadline.get()).orElse(Instant.now().plus(settings.timeout()))));
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "llm-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.latency = Timer.builder("partnerbot_llm_latency_seconds").description("time of one tailoring call")
                .publishPercentileHistogram().register(registry);
    }

    static ChatModel chatModel(Settings.Llm s, HttpClientBuilder http) {
        String model = s.model().orElseThrow(() -> new IllegalArgumentException("PARTNERBOT_LLM_MODEL is not set"));
        String url = s.url().map(URI::toString).orElseThrow();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return switch (s.provider()) {
            case "openai" -> OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(base)
                    .apiKey(s.apiKey().map(Secret::reveal).orElse(null)).modelName(model)
                    .responseFormat("json_object").temperature(0.4).timeout(s.timeout()).maxRetries(0).build();
            case "azure" -> OpenAiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(base.contains("/openai") ? base : base + "/openai/v1")
                    .customHeaders(Map.of("api-key", s.apiKey().map(Secret::reveal).orElseThrow()))
                    .modelName(model).responseFormat("json_object").temperature(0.4).timeout(s.timeout()).maxRetries(0)
                    .build();
            case "ollama" -> OllamaChatModel.builder().httpClientBuilder(http).baseUrl(base).modelName(model)
                    .responseFormat(ResponseFormat.JSON).temperature(0.4).timeout(s.timeout()).maxRetries(0).build();
            default -> throw new IllegalArgumentException("unknown LLM provider " + s.provider());
        };
    }

    @Override
    public String model() {
        return settings.model().orElse(settings.provider());
    }

    /** The exact request body that tailoring {@code request} would send (never the key), sending nothing. */
    public static String requestBody(Settings.Llm settings, TailorPrompt prompt, TailorRequest request) {
        RetryAfterHttpClient.Recorder recorder = new RetryAfterHttpClient.Recorder();
        Settings.Llm s = settings.apiKey().isPresent() || settings.provider().equals("ollama") ? settings
                : new Settings.Llm(settings.provider(), settings.url(), settings.model(), Optional.of(Secret.of("unset")),
                        settings.sendText(), settings.timeout());
        ChatModel model = chatModel(s, recorder);
        try {
            model.chat(chatRequest(prompt.messages(request)));
        } catch (RuntimeException expected) {
            // the recorder refuses to send
        }
        return recorder.recorded() == null ? "" : recorder.recorded().body();
    }

    private static ChatRequest chatRequest(TailorPrompt.Messages m) {
        return ChatRequest.builder().messages(SystemMessage.from(m.system()), UserMessage.from(m.user())).build();
    }

    @Override
    public TailorResult tailor(TailorRequest request) {
        if (clock.millis() < pausedUntil.get()) {
            return fallback(TailorResult.Reason.CIRCUIT_OPEN, 0);
        }
        long start = System.nanoTime();
        Instant until = clock.instant().plus(settings.timeout());
        CompletableFuture<ChatResponse> call = CompletableFuture.supplyAsync(() -> {
            deadline.set(until);
            try {
                return model.chat(chatRequest(prompt.messages(request)));
            } finally {
                deadline.remove();
            }
        }, calls);
        ChatResponse response;
        try {
            response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            call.cancel(true);
            return failed(TailorResult.Reason.TIMEOUT, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(TailorResult.Reason.TIMEOUT, start);
        } catch (ExecutionException e) {
            return failed(reason(e.getCause()), start);
        }
        failuresInARow.set(0);
        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        int in = -1;
        int out = -1;
        if (response.tokenUsage() != null) {
            in = orMinusOne(response.tokenUsage().inputTokenCount());
            out = orMinusOne(response.tokenUsage().outputTokenCount());
            if (in >= 0) {
                Counter.builder("partnerbot_llm_tokens_total").tag("kind", "prompt").register(registry).increment(in);
            }
            if (out >= 0) {
                Counter.builder("partnerbot_llm_tokens_total").tag("kind", "answer").register(registry).increment(out);
            }
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        TailorResult result = guardrails.check(text, request.text(), request.language(), model(), in, out);
        if (result instanceof TailorResult.Fallback f) {
            return fallback(f.reason(), System.nanoTime() - start);
        }
        calls("tailored");
        log.info("LLM tailored a {} answer in {} ms ({} prompt / {} answer tokens)", request.language().code(),
                (System.nanoTime() - start) / 1_000_000, in, out);
        return result;
    }

    private static int orMinusOne(Integer n) {
        return n == null ? -1 : n;
    }

    private TailorResult.Reason reason(Throwable e) {
        if (e instanceof TimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return TailorResult.Reason.TIMEOUT;
        }
        if (e instanceof AuthenticationException) {
            return TailorResult.Reason.UNAUTHORIZED;
        }
        if (e instanceof RateLimitException) {
            return TailorResult.Reason.RATE_LIMITED;
        }
        if (e instanceof InternalServerException) {
            return TailorResult.Reason.SERVER_ERROR;
        }
        if (e instanceof HttpException h) {
            int status = h.statusCode();
            return status == 401 || status == 403 ? TailorResult.Reason.UNAUTHORIZED
                    : status == 429 ? TailorResult.Reason.RATE_LIMITED
                    : status >= 500 ? TailorResult.Reason.SERVER_ERROR : TailorResult.Reason.ERROR;
        }
        if (e != null && e.getCause() != null && e.getCause() != e) {
            return reason(e.getCause());
        }
        return TailorResult.Reason.ERROR;
    }

    private TailorResult failed(TailorResult.Reason reason, long start) {
        if (reason == TailorResult.Reason.UNAUTHORIZED && authProblemLogged.compareAndSet(false, true)) {
            log.error("the LLM provider {} refused PartnerBot's credentials (401/403): check PARTNERBOT_LLM_API_KEY, "
                    + "PARTNERBOT_LLM_MODEL and PARTNERBOT_LLM_URL; answers stay offline", settings.provider());
        }
        if (failuresInARow.incrementAndGet() >= BREAKER_FAILURES) {
            pausedUntil.set(clock.millis() + BREAKER_PAUSE.toMillis());
            failuresInARow.set(0);
            log.warn("LLM calls paused for {} s after {} failures in a row", BREAKER_PAUSE.toSeconds(), BREAKER_FAILURES);
        }
        return fallback(reason, System.nanoTime() - start);
    }

    private TailorResult fallback(TailorResult.Reason reason, long nanos) {
        calls("fallback");
        Counter.builder("partnerbot_llm_fallbacks_total").description("tailoring calls that kept the offline answer")
                .tag("reason", reason.id()).register(registry).increment();
        log.info("LLM answer not used ({}) after {} ms; the offline answer stands", reason.id(), nanos / 1_000_000);
        return new TailorResult.Fallback(reason);
    }

    private void calls(String outcome) {
        Counter.builder("partnerbot_llm_calls_total").description("tailoring calls by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    @Override
    public String toString() {
        return "LlmTailor[" + settings.provider() + ", " + model() + "]";
    }
}
