package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.cli.config.CollectorConfig;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up time of the collector with N stored events ({@code -Dvigil.bench.events}, default 10,000,000 over 100
 * sites and 30 days) against the same collector with no events, and the API p99 of a site's last 24 h of events
 * against {@code /healthz}, all in the same run. Knob: {@code -Dvigil.bench.requests} (default 300).
 */
@Tag("bench")
class StartupBench {
    private static final long EVENTS = Long.getLong("vigil.bench.events", 10_000_000L);
    private static final int REQUESTS = Integer.getInteger("vigil.bench.requests", 300);
    private static final int SITES = 100;
    private static final long CHUNK = 500_000;
    private static final Duration SPAN = Duration.ofDays(30);

    @TempDir
    Path dir;

    @Test
    void startup_tenMillionEvents_versusEmptyStore() throws Exception {
        Path data = dir.resolve("data");
        CollectorConfig config = config(data);
        try (CollectorApp first = CollectorApp.start(config, Clock.systemUTC())) {
            for (int i = 0; i < SITES; i++) {
                first.directory().addSite("bench-" + i, java.util.List.of());
            }
        }
        startOnce(config).close(); // warm-up: class loading and JIT, not measured
        Measured empty = measure(config);
        Instant now = Instant.now();
        long fillStart = System.nanoTime();
        fill(config.effectiveDbUrl(), now);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        long dbBytes;
        try (var files = Files.walk(data)) {
            dbBytes = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        Measured full = measure(config);

        System.out.printf(
                Locale.ROOT,
                "%nStartupBench: %,d events over %d sites and %d days (fill %.1f s, H2 files %,d MB), %d requests%n",
                EVENTS,
                SITES,
                SPAN.toDays(),
                fillSeconds,
                dbBytes >> 20,
                REQUESTS);
        System.out.printf(Locale.ROOT, "%-44s %12s %12s %8s%n", "figure", "empty store", "with events", "ratio");
        row("start-up to listening, ms", empty.startMs, full.startMs);
        row("GET /healthz p50, ms", empty.health[0], full.health[0]);
        row("GET /healthz p99, ms", empty.health[1], full.health[1]);
        row("GET events?from=now-24h&limit=100 p50, ms", empty.events[0], full.events[0]);
        row("GET events?from=now-24h&limit=100 p99, ms", empty.events[1], full.events[1]);
        System.out.printf(
                Locale.ROOT,
                "events p99 / healthz p99 with events: %.2f%n",
                full.events[1] / Math.max(0.001, full.health[1]));
        assertThat(full.pageSize).isEqualTo(EVENTS >= SITES * 100L * 30 ? 100 : full.pageSize);
    }

    private static void row(String name, double a, double b) {
        System.out.printf(Locale.ROOT, "%-44s %12.1f %12.1f %8.2f%n", name, a, b, b / Math.max(0.001, a));
    }

    private record Measured(double startMs, double[] health, double[] events, int pageSize) {}

    private static Measured measure(CollectorConfig config) {
        long t0 = System.nanoTime();
        try (CollectorApp app = startOnce(config)) {
            double startMs = (System.nanoTime() - t0) / 1e6;
            ApiClient api = new ApiClient(app.httpPort()).login("admin", RunningCollector.ADMIN_PASSWORD);
            String from = Instant.now().minus(Duration.ofHours(24)).toString();
            int pageSize = api.get("/api/sites/bench-7/events?limit=100&from=" + from)
                    .json()
                    .get("events")
                    .size();
            double[] health = percentiles(api, i -> "/healthz");
            double[] events =
                    percentiles(api, i -> "/api/sites/bench-" + (i % SITES) + "/events?limit=100&from=" + from);
            return new Measured(startMs, health, events, pageSize);
        }
    }

    private static double[] percentiles(ApiClient api, java.util.function.IntFunction<String> path) {
        for (int i = 0; i < 20; i++) {
            api.get(path.apply(i));
        }
        double[] ms = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            ApiClient.Reply r = api.get(path.apply(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1]};
    }

    private static CollectorApp startOnce(CollectorConfig config) {
        return CollectorApp.start(config, Clock.systemUTC());
    }

    private static CollectorConfig config(Path data) {
        return CollectorConfig.defaults(data)
                .withPorts(0, 0)
                .withAdminPassword(RunningCollector.ADMIN_PASSWORD)
                .withSilenceTimeout(Duration.ofMinutes(10))
                .withHosts("127.0.0.1", "127.0.0.1");
    }

    /**
     * Fills the events table (created by the collector's own migrations) in chunks of one INSERT … SELECT each:
     * event times spread evenly over the last 30 days, sites round-robin, ids that sort by time like the real ones.
     */
    private static void fill(String url, Instant now) throws Exception {
        long start = now.minus(SPAN).toEpochMilli();
        double step = (double) SPAN.toMillis() / EVENTS;
        String sql = "INSERT INTO events (id, site, seq, event_time, event_type, severity, subject, payload,"
                + " received_at) SELECT LPAD(CAST(t AS VARCHAR), 13, '0') || LPAD(CAST(X AS VARCHAR), 13, '0'), s, X,"
                + " t, 'router.vrrp_state', 'info', 'vrrp-1', '{\"v\":1,\"id\":\"' || LPAD(CAST(t AS VARCHAR), 13,"
                + " '0') || LPAD(CAST(X AS VARCHAR), 13, '0') || '\",\"site\":\"' || s || '\",\"seq\":' || X"
                + " || ',\"type\":\"router.vrrp_state\",\"severity\":\"info\",\"subject\":\"vrrp-1\",\"data\":"
                + "{\"router\":\"r1\",\"group\":\"vrrp-1\",\"from\":\"BACKUP\",\"to\":\"MASTER\",\"reason\":"
                + "\"priority\"}}', t FROM (SELECT X, 'bench-' || MOD(X, " + SITES + ") AS s, CAST(? + X * ? AS BIGINT)"
                + " AS t FROM SYSTEM_RANGE(?, ?))";
        try (Connection c = DriverManager.getConnection(url, "", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (long from = 0; from < EVENTS; from += CHUNK) {
                ps.setLong(1, start);
                ps.setDouble(2, step);
                ps.setLong(3, from);
                ps.setLong(4, Math.min(EVENTS, from + CHUNK) - 1);
                ps.executeUpdate();
                c.commit();
            }
        }
    }
}
