package dev.partnerbot.app.tips.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.partnerbot.app.db.Database;
import dev.partnerbot.app.db.PostgresServer;
import dev.partnerbot.app.tips.DeliveryLedger;
import dev.partnerbot.app.tips.JdbcScheduleStore;
import dev.partnerbot.slack.tips.SlackTipDelivery;
import dev.partnerbot.app.tips.TipDeliveryService;
import dev.partnerbot.app.tips.WeeklyTips;
import dev.partnerbot.config.Secret;
import dev.partnerbot.config.Settings;
import dev.partnerbot.core.advice.Playbook;
import dev.partnerbot.core.tips.ScheduleState;
import dev.partnerbot.core.tips.TipLanguage;
import dev.partnerbot.core.tips.TipSchedule;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator (not a test): N schedules due in the same minute, delivered by one or more
 * db-scheduler instances on a throwaway PostgreSQL, to a Slack stand-in that accepts at most one
 * message per second per channel (429 Retry-After: 1 otherwise).
 *
 * <p>Arguments: {@code [schedules=10000] [channels=10000] [threads=32] [instances=1]}.
 */
public final class TipsBenchmark {

    public static void main(String[] args) throws Exception {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : schedules;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 1;

        StandIn standIn = new StandIn();
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.createDatabase("tips_bench");
            Settings.Database settings = new Settings.Database(url, Optional.of(pg.user()), Optional.of(Secret.of("unused")));
            try (Database setup = Database.open(settings)) {
                Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                createDue(setup, slot, schedules, channels);
                List<Database> pools = new java.util.ArrayList<>();
                List<WeeklyTips> nodes = new java.util.ArrayList<>();
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                for (int i = 0; i < instances; i++) {
                    Database db = Database.open(settings);
                    pools.add(db);
                    nodes.add(WeeklyTips.builder(db.dataSource())
                            .name("bench-" + i)
                            .platforms(Map.of("slack", new SlackTipDelivery(standIn.url(), t -> Optional.of("xoxb-bench"),
                                    Playbook.loadAll(), Clock.systemUTC())))
                            .registry(registry)
                            .options(TipDeliveryService.Options.defaults(Duration.ofHours(6)))
                            .threads(threads)
                            .pollingInterval(Duration.ofSeconds(1))
                            .lockAndFetch(true)
                            .build());
                }
                System.gc();
                long heapBefore = usedHeap();
                MemorySampler sampler = new MemorySampler();
                sampler.start();
                long start = System.nanoTime();
                nodes.forEach(WeeklyTips::start);
                DeliveryLedger ledger = new DeliveryLedger(setup.dataSource(), Clock.systemUTC());
                while (settled(setup) < schedules) {
                    Thread.sleep(200);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                nodes.forEach(WeeklyTips::close);
                Timer lag = registry.find("tips.delivery.lag").timer();
                long sent = ledger.all().stream().filter(d -> d.status() == DeliveryLedger.Status.SENT).count();
                double perChannel = Math.ceil((double) schedules / channels);
                System.out.printf("schedules=%d channels=%d threads=%d instances=%d%n", schedules, channels, threads, instances);
                System.out.printf("sent=%d accepted_by_stand_in=%d rejected_429=%d%n", sent, standIn.accepted.get(), standIn.limited.get());
                System.out.printf("completion=%.1f s  theoretical_minimum=%.1f s (per-channel limit: %.0f msg/channel at 1/s)%n",
                        seconds, Math.max(1, perChannel - 1) , perChannel);
                System.out.printf("throughput=%.0f msg/s  lag_p50=%.1f s lag_p99=%.1f s lag_max=%.1f s%n", sent / seconds,
                        lag.percentile(0.5, TimeUnit.SECONDS), lag.percentile(0.99, TimeUnit.SECONDS), lag.max(TimeUnit.SECONDS));
                System.out.printf("heap_used_before=%d MB heap_peak=%d MB rss_peak(VmHWM)=%s%n", heapBefore >> 20,
                        sampler.peak >> 20, vmHwm());
                for (Database db : pools) {
                    db.close();
                }
            }
        } finally {
            standIn.stop();
        }
        System.exit(0);
    }

    private static long settled(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tip_delivery WHERE status <> 'CLAIMED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void createDue(Database db, Instant slot, int schedules, int channels) throws Exception {
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Shanghai"));
        JdbcScheduleStore store = new JdbcScheduleStore(db.dataSource(), Clock.systemUTC());
        for (int i = 0; i < schedules; i++) {
            ZoneId zone = zones.get(i % zones.size());
            ZonedDateTime local = slot.atZone(zone);
            store.create(new TipSchedule(String.format("ts-%06d", i), "slack", "T1", String.format("C%06d", i % channels),
                    local.getDayOfWeek(), local.toLocalTime(), zone, TipLanguage.EN, ScheduleState.ACTIVE, "U1",
                    slot.minus(Duration.ofDays(1)), 0));
        }
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ?, task_data = ? WHERE task_name = 'weekly-tip'")) {
            ps.setObject(1, OffsetDateTime.ofInstant(slot, ZoneOffset.UTC));
            ps.setBytes(2, slot.toString().getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String vmHwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Samples heap use after the fact: the peak of the heap pools' usage. */
    private static final class MemorySampler extends Thread {
        volatile long peak;

        MemorySampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                    }
                }
                peak = Math.max(peak, used);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** chat.postMessage stand-in enforcing one message per second per channel. */
    private static final class StandIn {
        final HttpServer server;
        final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong limited = new AtomicLong();
        final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);

        StandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.createContext("/api/chat.postMessage", this::post);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
        }

        void post(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String channel = "";
            for (String pair : body.split("&")) {
                if (pair.startsWith("channel=")) {
                    channel = URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
                }
            }
            long now = System.nanoTime();
            boolean[] ok = new boolean[1];
            lastAccepted.compute(channel, (k, last) -> {
                ok[0] = last == null || now - last >= 1_000_000_000L;
                return ok[0] ? now : last;
            });
            String json;
            int status;
            if (ok[0]) {
                accepted.incrementAndGet();
                status = 200;
                String stamp = String.valueOf(ts.incrementAndGet());
                json = "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + stamp.substring(0, 10) + "." + stamp.substring(10) + "\"}";
            } else {
                limited.incrementAndGet();
                status = 429;
                exchange.getResponseHeaders().add("Retry-After", "1");
                json = "{\"ok\":false,\"error\":\"ratelimited\"}";
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        void stop() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
