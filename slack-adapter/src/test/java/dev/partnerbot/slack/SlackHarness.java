package dev.partnerbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.bolt.service.InstallationService;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.Behaviour;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Principle;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.core.interpret.Interpretation;
import dev.partnerbot.core.interpret.LanguageDetector;
import dev.partnerbot.slack.verify.RequestSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running adapter behind a real Jetty, with WireMock standing in for Slack's Web API and for
 * response_url, and requests signed exactly as Slack signs them.
 */
@SuppressWarnings("try")
final class SlackHarness implements AutoCloseable {
    static final String SECRET = "test-signing-secret-0123456789ab";
    static final String BOT_TOKEN = "xoxb-test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A vote recorded by the fake feedback sink. */
    record Vote(String platform, List<Behaviour> behaviours, List<Principle> principles, boolean helpful) {
    }

    final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
    final List<Vote> votes = new CopyOnWriteArrayList<>();
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    final RequestSignature signer = new RequestSignature(SECRET, Clock.systemUTC());
    final SlackAdapter adapter;
    private final Server jetty;
    private final HttpClient http = HttpClient.newHttpClient();

    SlackHarness() throws Exception {
        this(api -> new Settings.Slack(Optional.of(Secret.of(BOT_TOKEN)), Optional.of(Secret.of(SECRET)),
                Optional.empty(), Optional.empty(), Optional.empty(), URI.create(api + "/api/")), null);
    }

    /**
     * An adapter built from the settings {@code settingsFor} gives for WireMock's base URL, with the
     * install servlet mounted too when the settings make it a distributed (OAuth) app.
     */
    SlackHarness(Function<String, Settings.Slack> settingsFor, InstallationService installations) throws Exception {
        this(settingsFor, installations, UnaryOperator.identity());
    }

    /** The single-workspace adapter with further builder settings (e.g. tips). */
    SlackHarness(UnaryOperator<SlackAdapter.Builder> customize) throws Exception {
        this(api -> new Settings.Slack(Optional.of(Secret.of(BOT_TOKEN)), Optional.of(Secret.of(SECRET)),
                Optional.empty(), Optional.empty(), Optional.empty(), URI.create(api + "/api/")), null, customize);
    }

    SlackHarness(Function<String, Settings.Slack> settingsFor, InstallationService installations,
                 UnaryOperator<SlackAdapter.Builder> customize) throws Exception {
        slackApi.start();
        slackApi.stubFor(post(anyUrl()).willReturn(okJson("{\"ok\":true}")).atPriority(10));
        slackApi.stubFor(post(urlEqualTo("/api/auth.test"))
                .willReturn(okJson("{\"ok\":true,\"user_id\":\"UBOT\",\"team_id\":\"T1\",\"bot_id\":\"BBOT\"}")));
        slackApi.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000001.000100\"}")).atPriority(5));
        slackApi.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")).atPriority(5));
        // Channels are workspace-internal unless a test says otherwise (Slack Connect answers are private).
        slackApi.stubFor(post(urlEqualTo("/api/conversations.info")).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C1\",\"is_channel\":true,\"is_shared\":false,\"is_ext_shared\":false,"
                        + "\"is_org_shared\":false}}")).atPriority(5));

        Settings.Slack settings = settingsFor.apply(slackApi.baseUrl());
        FeedbackSink sink = (platform, behaviours, principles, helpful) ->
                votes.add(new Vote(platform, behaviours, principles, helpful));
        SlackAdapter.Builder builder = SlackAdapter.builder(settings, testCoach(), sink)
                .retryPause(pauses::add)
                .workers(1, 50);
        if (installations != null) {
            builder.installations(installations);
        }
        adapter = customize.apply(builder).build();

        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(adapter.servlet()), "/slack/events");
        adapter.installServlet().ifPresent(install -> {
            context.addServlet(new ServletHolder(install), SlackAdapter.INSTALL_PATH);
            context.addServlet(new ServletHolder(install), SlackAdapter.OAUTH_REDIRECT_PATH);
        });
        jetty.setHandler(context);
        jetty.start();
    }

    /**
     * A coach without models: any message mentioning "pay" (or 付钱) reads as a power play, anything
     * else is not about a client. Language from the core's own detector.
     */
    static Coach testCoach() {
        return new Coach(text -> {
            Language language = LanguageDetector.detect(text);
            if (text.contains("we pay")) {
                return new Interpretation(language, List.of(new Interpretation.Reading(Behaviour.POWER_PLAY, 0.9,
                        List.of("we pay"))), Optional.empty());
            }
            if (text.contains("付钱")) {
                return new Interpretation(language, List.of(new Interpretation.Reading(Behaviour.POWER_PLAY, 0.9,
                        List.of("我们付钱"))), Optional.empty());
            }
            if (text.contains("sign-off")) {
                return new Interpretation(language, List.of(
                        new Interpretation.Reading(Behaviour.SCOPE_CREEP, 0.6, List.of("after sign-off")),
                        new Interpretation.Reading(Behaviour.UNREALISTIC_DEADLINE, 0.55, List.of("by tomorrow"))),
                        Optional.of(new Interpretation.Ambiguity(Behaviour.SCOPE_CREEP, Behaviour.UNREALISTIC_DEADLINE)));
            }
            return new Interpretation(language, List.of(), Optional.empty());
        }, () -> { }, Playbook.loadAll());
    }

    URI endpoint() {
        return URI.create(base() + "/slack/events");
    }

    /** The Jetty the adapter's servlets run in, e.g. {@code http://localhost:1234}. */
    String base() {
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        return "http://localhost:" + port;
    }

    /** A plain GET, redirects not followed (the OAuth install pages). */
    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String hook(String name) {
        return slackApi.baseUrl() + "/hooks/" + name;
    }

    /** Posts a body signed now, as Slack would. */
    HttpResponse<String> signed(String contentType, String body, String... extraHeaders) throws IOException, InterruptedException {
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        return signedAt(ts, contentType, body, extraHeaders);
    }

    HttpResponse<String> signedAt(String ts, String contentType, String body, String... extraHeaders)
            throws IOException, InterruptedException {
        String signature = signer.sign(ts, body.getBytes(StandardCharsets.UTF_8));
        List<String> headers = new ArrayList<>(List.of(RequestSignature.TIMESTAMP_HEADER, ts, RequestSignature.SIGNATURE_HEADER, signature));
        headers.addAll(List.of(extraHeaders));
        return raw(contentType, body, headers.toArray(String[]::new));
    }

    HttpResponse<String> raw(String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> command(String text, String responseUrl) throws IOException, InterruptedException {
        return command("/partner", text, responseUrl);
    }

    HttpResponse<String> command(String command, String text, String responseUrl) throws IOException, InterruptedException {
        return command(command, text, responseUrl, "U1");
    }

    /** A slash command typed by {@code userId} in channel C1 of workspace T1. */
    HttpResponse<String> command(String command, String text, String responseUrl, String userId) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        form.put("team_id", "T1");
        form.put("team_domain", "agency");
        form.put("channel_id", "C1");
        form.put("channel_name", "clients");
        form.put("user_id", userId);
        form.put("user_name", "ann");
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A1");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return signed("application/x-www-form-urlencoded", formBody(form));
    }

    HttpResponse<String> event(String eventId, String eventJson, String... extraHeaders) throws IOException, InterruptedException {
        return signed("application/json", eventEnvelope("T1", eventId, eventJson), extraHeaders);
    }

    /** An event from workspace {@code teamId}. */
    HttpResponse<String> eventFrom(String teamId, String eventId, String eventJson) throws IOException, InterruptedException {
        return signed("application/json", eventEnvelope(teamId, eventId, eventJson));
    }

    /** The Events API envelope Slack wraps an event in (as in java-slack-sdk's json-logs samples). */
    static String eventEnvelope(String teamId, String eventId, String eventJson) {
        return "{\"token\":\"XXYYZZ\",\"team_id\":\"" + teamId + "\",\"api_app_id\":\"A1\",\"event\":" + eventJson
                + ",\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,"
                + "\"authorizations\":[{\"enterprise_id\":null,\"team_id\":\"" + teamId + "\",\"user_id\":\"UBOT\",\"is_bot\":true,"
                + "\"is_enterprise_install\":false}],\"is_ext_shared_channel\":false}";
    }

    /** Posts an interactivity payload ({@code payload=<json>}), as Slack does. */
    HttpResponse<String> interaction(String payloadJson) throws IOException, InterruptedException {
        return signed("application/x-www-form-urlencoded", "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8));
    }

    static String formBody(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /** The form fields of a Web API call (the SDK posts forms). */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e.getMessage());
        }
    }

    List<LoggedRequest> calls(String path) {
        return slackApi.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /** Waits until {@code path} has received at least {@code n} calls, failing after 10 seconds. */
    List<LoggedRequest> awaitCalls(String path, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<LoggedRequest> found = calls(path);
        while (found.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = calls(path);
        }
        if (found.size() < n) {
            throw new AssertionError("expected " + n + " call(s) to " + path + " but saw " + found.size()
                    + "; all calls: " + slackApi.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
        }
        return found;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        adapter.close();
        slackApi.stop();
    }
}
