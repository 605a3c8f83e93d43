package dev.partnerbot.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.event.AppMentionEvent;
import dev.partnerbot.app.server.BotServer;
import dev.partnerbot.config.Settings;
import dev.partnerbot.config.SettingsLoader;
import dev.partnerbot.teams.BotFrameworkStandIn;
import dev.partnerbot.teams.TeamsActivities;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Load benchmark of the served application (a tool, not a test): an open-loop, constant-rate generator on
 * loopback sends signed Slack events (app mentions) and slash commands and authenticated Teams activities,
 * each timed from the moment it was due (so a slow server cannot slow the generator down and hide its own
 * latency). Against one and two PartnerBot instances (two instances share one database, requests alternate),
 * and the same Slack requests against a bare Bolt app on the same Jetty that only acknowledges.
 *
 * <p>Reports, per run: requests, ack latency p50/p99 (ms) of all requests and of the Slack requests alone
 * (Bolt's acknowledgement, the like-for-like comparison with the bare Bolt app; a Teams activity is answered
 * within its request, so its latency includes the reading and the reply), 5xx, Slack and Teams messages
 * accepted, answered, told "busy", answered twice, lost. Usage:
 * {@code benchmarks/load [RATE...] [--seconds S] [--warmup W]} (defaults 50 100 200, 60 s, 10 s): each target first
 * gets W seconds of the same traffic, not counted (JIT compilation, connection pools, caches), then the
 * measured S seconds. Slack's Web API and the Bot
 * Framework connector are WireMock stand-ins; nothing leaves the machine.
 */
public final class SlackTeamsLoad {
    private static final String SECRET = "load-signing-secret";
    private static final String TEXT = "they said we pay you, so do what we say, and they want it by tomorrow 8am";

    record Result(String target, int rate, int sent, double p50, double p99, double slackP50, double slackP99, int serverErrors,
                  int accepted, int answered, int busy, int duplicates, int lost) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %d/s | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %d |", target, rate,
                    sent, p50, p99, slackP50, slackP99, serverErrors, accepted, answered, busy, duplicates, lost);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rates = new ArrayList<>();
        int seconds = 60;
        int warmup = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup")) {
                warmup = Integer.parseInt(args[++i]);
            } else {
                rates.add(Integer.parseInt(args[i]));
            }
        }
        if (rates.isEmpty()) {
            rates = List.of(50, 100, 200);
        }
        WireMockServer slack = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(64)
                .asynchronousResponseEnabled(true));
        slack.start();
        List<Result> results = new ArrayList<>();
        try {
            for (int rate : rates) {
                results.add(bareBolt(rate, seconds, warmup));
                results.add(partnerbot(slack, 1, rate, seconds, warmup));
                results.add(partnerbot(slack, 2, rate, seconds, warmup));
            }
        } finally {
            slack.stop();
        }
        System.out.println("| target | rate | requests | ack p50 ms | ack p99 ms | Slack ack p50 ms | Slack ack p99 ms | 5xx | accepted"
                + " | answered | busy | twice | lost |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(r.row()));
        System.exit(0);
    }

    /** A Bolt app on the same Jetty that only acknowledges: the floor of what an ack can cost. */
    static Result bareBolt(int rate, int seconds, int warmup) throws Exception {
        App app = new App(AppConfig.builder().signingSecret(SECRET).singleTeamBotToken("xoxb-bare")
                .allEventsApiAutoAckEnabled(true).build(), List.of(new com.slack.api.bolt.middleware.builtin.RequestVerification(
                new com.slack.api.app_backend.SlackSignature.Verifier(new com.slack.api.app_backend.SlackSignature.Generator(SECRET)))));
        app.command("/partner", (req, ctx) -> ctx.ack());
        app.event(AppMentionEvent.class, (p, ctx) -> ctx.ack());
        Server jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        jetty.setHandler(context);
        jetty.start();
        try {
            List<String> bases = List.of("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
            String noResponseUrls = "http://127.0.0.1:1";
            if (warmup > 0) {
                drive(bases, rate, warmup, false, noResponseUrls, WARMUP_OFFSET);
            }
            Run run = drive(bases, rate, seconds, false, noResponseUrls, 0);
            return new Result("bare Bolt", rate, run.sent.get(), run.percentile(50), run.percentile(99), run.slackPercentile(50),
                    run.slackPercentile(99), run.serverErrors.get(), run.accepted.get(), 0, 0, 0, 0);
        } finally {
            jetty.stop();
        }
    }

    static Result partnerbot(WireMockServer slack, int instances, int rate, int seconds, int warmup) throws Exception {
        slack.resetAll();
        slack.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")).atPriority(10));
        slack.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson("{\"ok\":true,\"user_id\":\"UBOT\",\"team_id\":\"T1\",\"bot_id\":\"B1\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/conversations.info")).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C1\",\"is_channel\":true,\"is_ext_shared\":false}}")));
        slack.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        BotFrameworkStandIn.reset();
        Path dir = Files.createTempDirectory("partnerbot-load");
        List<BotServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                Map<String, String> env = new HashMap<>(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-load", "SLACK_SIGNING_SECRET", SECRET,
                        "SLACK_API_URL", slack.baseUrl() + "/api/",
                        "DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE"));
                env.putAll(BotFrameworkStandIn.environment());
                Settings base = SettingsLoader.load(env, Optional.empty());
                servers.add(BotServer.start(new Settings(0, base.database(), base.slack(), base.teams(), base.managers(),
                        base.tipGraceWindow(), base.shutdownTimeout(), base.llm())));
            }
            List<String> bases = servers.stream().map(s -> "http://127.0.0.1:" + s.port()).toList();
            if (warmup > 0) {
                drive(bases, rate, warmup, true, slack.baseUrl(), WARMUP_OFFSET);
                settle(slack);
            }
            Run run = drive(bases, rate, seconds, true, slack.baseUrl(), 0);
            // Let queued work finish, then count what reached the stand-ins.
            Thread.sleep(20_000);
            Map<String, Integer> answers = new HashMap<>();
            int busy = 0;
            for (LoggedRequest r : slack.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()))) {
                String body = r.getBodyAsString();
                String key = r.getUrl().startsWith("/respond/") ? r.getUrl().substring("/respond/".length())
                        : r.getUrl().startsWith("/api/chat.postMessage") ? field(body, "thread_ts") : null;
                if (key == null) {
                    continue;
                }
                if (body.contains("I am handling a lot of requests right now")) {
                    busy++;
                }
                answers.merge(key, 1, Integer::sum);
            }
            for (LoggedRequest r : BotFrameworkStandIn.SERVER.findAll(postRequestedFor(urlPathMatching("/v3/conversations/.+/activities/.+")))) {
                answers.merge("teams:" + r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1), 1, Integer::sum);
            }
            int twice = (int) answers.values().stream().filter(n -> n > 1).count();
            busy += run.busyAcks.get();
            int lost = Math.max(0, run.accepted.get() - answers.size() - run.busyAcks.get());
            return new Result("PartnerBot x" + instances, rate, run.sent.get(), run.percentile(50), run.percentile(99),
                    run.slackPercentile(50), run.slackPercentile(99), run.serverErrors.get(), run.accepted.get(), answers.size() - (busy - run.busyAcks.get()), busy, twice, lost);
        } finally {
            servers.forEach(BotServer::close);
        }
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder postRequestedFor(
            com.github.tomakehurst.wiremock.matching.UrlPattern url) {
        return com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(url);
    }

    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** What one run sent and how the acks went. */
    static final class Run {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger serverErrors = new AtomicInteger();
        /** Acknowledged with the "busy" answer (a slash command whose work could not be queued). */
        final AtomicInteger busyAcks = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        /** The Slack requests' latencies alone (events and slash commands). */
        final ConcurrentLinkedQueue<Long> slackLatencies = new ConcurrentLinkedQueue<>();

        double percentile(int p) {
            return percentile(latencies, p);
        }

        double slackPercentile(int p) {
            return percentile(slackLatencies, p);
        }

        private static double percentile(ConcurrentLinkedQueue<Long> latencies, int p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }

    /**
     * Message numbers of the warm-up phase start here, so that its messages (timestamps, event and activity
     * ids) never coincide with the measured ones and are not taken for redeliveries.
     */
    static final int WARMUP_OFFSET = 500_000;

    /**
     * After the warm-up: waits until the stand-ins have received nothing new for 3 s (at most 60 s), so the
     * warm-up's queued work is done, then forgets what they received, so only the measured run is counted.
     */
    static void settle(WireMockServer slack) throws InterruptedException {
        int last = -1;
        int still = 0;
        for (int s = 0; s < 60 && still < 3; s++) {
            Thread.sleep(1_000);
            int now = slack.getAllServeEvents().size() + BotFrameworkStandIn.SERVER.getAllServeEvents().size();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        slack.resetRequests();
        BotFrameworkStandIn.SERVER.resetRequests();
    }

    /**
     * Sends {@code rate} requests a second for {@code seconds}: alternately a slash command and an app
     * mention (with Teams on, every third request a Teams message activity), spread over the instances;
     * message numbers start at {@code offset} (0 for a measured run, {@link #WARMUP_OFFSET} for a warm-up).
     */
    static Run drive(List<String> bases, int rate, int seconds, boolean withTeams, String slackBase, int offset)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();
        Run run = new Run();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            int n = offset + i;
            long due = start + (long) i * interval;
            clock.schedule(() -> {
                String base = bases.get(n % bases.size());
                boolean toTeams = withTeams && n % 3 == 2;
                HttpRequest request = toTeams ? teams(base, n) : n % 2 == 0 ? command(base, n, slackBase) : mention(base, n);
                run.sent.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    long latency = System.nanoTime() - due;
                    run.latencies.add(latency);
                    if (!toTeams) {
                        run.slackLatencies.add(latency);
                    }
                    if (error != null || response.statusCode() >= 500) {
                        run.serverErrors.incrementAndGet();
                    } else if (response.statusCode() == 200) {
                        run.accepted.incrementAndGet();
                        if (response.body() != null && response.body().contains("I am handling a lot of requests right now")) {
                            run.busyAcks.incrementAndGet();
                        }
                    }
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        Thread.sleep(3_000);
        return run;
    }

    private static HttpRequest command(String base, int n, String slackBase) {
        String body = "command=%2Fpartner&team_id=T1&channel_id=C1&user_id=U1&trigger_id=1.2." + n
                + "&text=" + URLEncoder.encode(TEXT + " #" + n, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(slackBase + "/respond/cmd-" + n, StandardCharsets.UTF_8);
        return signed(base, "application/x-www-form-urlencoded", body);
    }

    private static HttpRequest mention(String base, int n) {
        String ts = "1700000000." + String.format(Locale.ROOT, "%06d", n);
        String body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event_id\":\"Ev" + n
                + "\",\"event_time\":1,\"is_ext_shared_channel\":false,\"event\":{\"type\":\"app_mention\",\"user\":\"U1\","
                + "\"channel\":\"C1\",\"ts\":\"" + ts + "\",\"text\":\"<@UBOT> " + TEXT + " #" + n + "\"}}";
        return signed(base, "application/json", body);
    }

    private static HttpRequest teams(String base, int n) {
        String body = TeamsActivities.personalMessage(String.valueOf(1715000200000L + n), TEXT + " #" + n).toString();
        return HttpRequest.newBuilder(URI.create(base + "/api/messages")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", BotFrameworkStandIn.token().header())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest signed(String base, String type, String body) {
        try {
            String ts = String.valueOf(Instant.now().getEpochSecond());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
            return HttpRequest.newBuilder(URI.create(base + "/slack/events")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", type).header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
