package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.config.CollectorConfig;
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
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up time of the collector with N stored events ({@code -Dvigil.bench.events}, default 10,000,000 over 100
 * sites and 30 days) against the same collector with no events, and the API p99 of a site's last 24 h of events
 * against {@code /healthz}, all in the same run. Knobs: {@code -Dvigil.bench.requests} (default 300);
 * {@code -Dvigil.bench.dir} keeps the filled H2 file in that directory (outside the repository) so that
 * {@code -Dvigil.bench.phase=fill} (CPU-bound, no quiet machine needed) and {@code -Dvigil.bench.phase=measure}
 * (latency-sensitive) can run separately; the default phase {@code all} does both in a temporary directory.
 */
@Tag("bench")
class StartupBench {
    private static final long EVENTS = Long.getLong("vigil.bench.events", 10_000_000L);
    private static final int REQUESTS = Integer.getInteger("vigil.bench.requests", 300);
    private static final String PHASE = System.getProperty("vigil.bench.phase", "all");
    private static final String DIR = System.getProperty("vigil.bench.dir", "");
    private static final String FILLED = "filled.properties";
    private static final int SITES = 100;
    private static final long CHUNK = 500_000;
    private static final Duration SPAN = Duration.ofDays(30);

    @TempDir
    Path tmp;

    @Test
    void startup_tenMillionEvents_versusEmptyStore() throws Exception {
        assertThat(PHASE).isIn("all", "fill", "measure");
        Path filledDir = DIR.isEmpty() ? tmp.resolve("filled") : Path.of(DIR);
        if (!PHASE.equals("measure")) {
            fillOnce(filledDir);
        }
        if (PHASE.equals("fill")) {
            return;
        }
        Properties filled = readFilled(filledDir);
        Path emptyData = tmp.resolve("empty");
        createWithSites(config(emptyData));
        startOnce(config(emptyData)).close(); // warm-up: class loading and JIT, not measured
        Measured empty = measure(config(emptyData));
        Measured full = measure(config(filledDir.resolve("data")));

        System.out.printf(
                Locale.ROOT,
                "%nStartupBench: %,d events over %d sites and %d days (filled %s, fill %.1f s = %,.0f events/s,"
                        + " H2 files %,d MB), %d requests%n",
                Long.parseLong(filled.getProperty("events")),
                SITES,
                SPAN.toDays(),
                filled.getProperty("filled_at"),
                Double.parseDouble(filled.getProperty("fill_seconds")),
                Long.parseLong(filled.getProperty("events")) / Double.parseDouble(filled.getProperty("fill_seconds")),
                dbBytes(filledDir.resolve("data")) >> 20,
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

    /** Creates the store with its sites and N events in {@code dir}, unless a fill of the same N is there already. */
    private static void fillOnce(Path dir) throws Exception {
        Path marker = dir.resolve(FILLED);
        if (Files.exists(marker) && Long.parseLong(readFilled(dir).getProperty("events")) == EVENTS) {
            return;
        }
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        CollectorConfig config = config(data);
        createWithSites(config);
        Instant now = Instant.now();
        long fillStart = System.nanoTime();
        fill(config.effectiveDbUrl(), now);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        Properties p = new Properties();
        p.setProperty("events", Long.toString(EVENTS));
        p.setProperty("filled_at", now.toString());
        p.setProperty("fill_seconds", String.format(Locale.ROOT, "%.1f", fillSeconds));
        try (var out = Files.newBufferedWriter(marker)) {
            p.store(out, "StartupBench fill");
        }
        System.out.printf(
                Locale.ROOT,
                "%nStartupBench fill: %,d events in %.1f s (%,.0f events/s), H2 files %,d MB%n",
                EVENTS,
                fillSeconds,
                EVENTS / fillSeconds,
                dbBytes(data) >> 20);
    }

    private static Properties readFilled(Path dir) throws java.io.IOException {
        Path marker = dir.resolve(FILLED);
        assertThat(marker)
                .as("run -Dvigil.bench.phase=fill with the same -Dvigil.bench.dir first")
                .exists();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(marker)) {
            p.load(in);
        }
        return p;
    }

    private static void createWithSites(CollectorConfig config) {
        try (CollectorApp first = CollectorApp.start(config, Clock.systemUTC())) {
            for (int i = 0; i < SITES; i++) {
                first.directory().addSite("bench-" + i, java.util.List.of());
            }
        }
    }

    private static long dbBytes(Path data) throws java.io.IOException {
        try (var files = Files.walk(data)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
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
