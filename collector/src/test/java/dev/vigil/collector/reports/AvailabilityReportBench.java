package dev.vigil.collector.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.Dialect;
import dev.vigil.collector.store.EventWriter;
import dev.vigil.collector.store.StoredEvent;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Availability reports on a large H2 store: {@code vigil.bench.events} (10,000,000) events of
 * {@code vigil.bench.sites} (1,000) sites over the 365 days before 1 Dec 2026 (ids are ULIDs of the event time, as
 * agents make them), one in {@code vigil.bench.changeEvery} (100) of each site's events a
 * state change (WAN down/up, a failover, a repair action), the rest {@code router.vrrp_state} noise, stored through
 * the store's own batched append (as the ingest path stores them). Then the time of
 * {@link AvailabilityReports#sites} (worker, store, calculator) for one site and a month, one site and a year, and 100
 * sites and a month, each {@code vigil.bench.repeats} (20) times on random sites.
 */
@Tag("bench")
class AvailabilityReportBench {
    private static final int EVENTS = Integer.getInteger("vigil.bench.events", 10_000_000);
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 1000);
    private static final int CHANGE_EVERY = Integer.getInteger("vigil.bench.changeEvery", 100);
    private static final int REPEATS = Integer.getInteger("vigil.bench.repeats", 20);
    private static final int LOAD_BATCH = 20_000;
    /**
     * An H2 file (without {@code .mv.db}) to keep: loaded when it does not exist yet, else timed again as it is.
     */
    private static final String REUSE = System.getProperty("vigil.bench.reuse");
    /** {@code -Dvigil.bench.db=postgres}: a PostgreSQL cluster of Debian's packages in a temporary directory. */
    private static final boolean POSTGRES = "postgres".equals(System.getProperty("vigil.bench.db"));

    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant START = END.minus(Duration.ofDays(365));
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String[] CHANGES = {"wan.down", "wan.up", "vrrp.master_changed", "action.executed"};

    @TempDir
    Path dir;

    @Test
    void availability_tenMillionEvents_oneSiteMonthYearAndHundredSites() throws Exception {
        if (POSTGRES) {
            try (PostgresServer postgres = new PostgresServer()) {
                String url = postgres.newDatabase();
                try (Stores stores = Stores.open(url, "vigil", "")) {
                    measure(stores, true, () -> vacuumAnalyze(url));
                }
            }
            return;
        }
        String file = REUSE != null ? REUSE : dir.resolve("bench").toString();
        boolean loaded = REUSE != null && Files.exists(Path.of(REUSE + ".mv.db"));
        // the collector's default URL (CollectorConfig): H2's own cache size
        try (Stores stores = Stores.open("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", null, null)) {
            measure(stores, !loaded, () -> {});
        }
    }

    /** Loads when asked (then runs {@code afterLoad}), prints the plans when asked, times the reports. */
    private void measure(Stores stores, boolean load, Runnable afterLoad) throws Exception {
        boolean h2 = stores.db().dialect() == Dialect.H2;
        long loadStart = System.nanoTime();
        if (load) {
            // PostgreSQL keeps the primary key: the append's ON CONFLICT (id) needs it
            sql(
                    stores,
                    h2
                            ? List.of("DROP INDEX events_by_site", "ALTER TABLE events DROP PRIMARY KEY")
                            : List.of("DROP INDEX events_by_site"));
            load(stores);
            long indexStart = System.nanoTime();
            sql(
                    stores,
                    h2
                            ? List.of(
                                    "ALTER TABLE events ADD PRIMARY KEY (id)",
                                    "CREATE INDEX events_by_site ON events (site, id)")
                            : List.of("CREATE INDEX events_by_site ON events (site, id)"));
            afterLoad.run();
            System.out.printf(Locale.ROOT, "events indexes built in %.0f s%n", (System.nanoTime() - indexStart) / 1e9);
        }
        double loadS = (System.nanoTime() - loadStart) / 1e9;
        if (Boolean.getBoolean("vigil.bench.explain")) {
            explain(stores);
        }
        SiteProjection projection = new SiteProjection(v -> {});
        for (int s = 0; s < SITES; s++) {
            projection.learnUsualMaster(site(s), "vrrp/eth0/IPv4/10", "192.0.2.11");
        }
        Vertx vertx = Vertx.vertx();
        try {
            AvailabilityReports reports = new AvailabilityReports(
                    vertx, stores.stateChanges(), stores.directory(), projection, MaintenanceCalendar.NONE);
            ReportRange month =
                    new ReportRange(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), null);
            ReportRange year = new ReportRange(START, END, null);
            java.util.Random random = new java.util.Random(7);
            List<String> hundred = new ArrayList<>();
            for (int s = 0; s < 100; s++) {
                hundred.add(site(s * (SITES / 100)));
            }
            String[] rows = {
                row("1 site, 1 month", time(() -> List.of(site(random.nextInt(SITES))), month, reports)),
                row("1 site, 365 days", time(() -> List.of(site(random.nextInt(SITES))), year, reports)),
                row("100 sites, 1 month", time(() -> hundred, month, reports))
            };
            System.out.printf(
                    Locale.ROOT,
                    "%nAvailabilityReportBench: %,d events, %,d sites, 1 in %d a state change, loaded in %.0f s;"
                            + " %d runs each%n| report | p50 ms | max ms |%n|---|---|---|%n%s%n",
                    stores.events().count(),
                    SITES,
                    CHANGE_EVERY,
                    loadS,
                    REPEATS,
                    String.join("\n", rows));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** After a bulk load: the planner's statistics and the visibility map that index-only scans need. */
    private static void vacuumAnalyze(String url) {
        try (Connection c = DriverManager.getConnection(url, "vigil", "")) {
            c.createStatement().execute("VACUUM ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
    }

    /** The plans of the two queries of a month of one site (both must read the covering index only). */
    private static void explain(Stores stores) {
        String columns = "EXPLAIN SELECT event_time, event_type, subject, master, dry_run FROM state_changes"
                + " WHERE site = 'bench-5'";
        long from = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        String[] queries = {
            columns + " AND event_time >= " + from + " AND event_time < " + to + " ORDER BY site, event_time, id",
            columns + " AND event_time < " + from + " ORDER BY site DESC, event_time DESC, id DESC LIMIT 2000"
        };
        for (String q : queries) {
            stores.db().inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery(q)) {
                    StringBuilder plan = new StringBuilder("PLAN");
                    while (rs.next()) {
                        plan.append(' ').append(rs.getString(1).replaceAll("\\s+", " "));
                    }
                    System.out.println(plan);
                }
                return null;
            });
        }
    }

    private static List<Double> time(Supplier<List<String>> sites, ReportRange range, AvailabilityReports reports)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            List<String> which = sites.get();
            long t0 = System.nanoTime();
            List<SiteAvailability> out = reports.sites(which, range)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.MINUTES);
            ms.add((System.nanoTime() - t0) / 1e6);
            if (out.size() != which.size() || out.get(0).uptimePct() == null) {
                throw new AssertionError("no report for " + which.get(0));
            }
            if (range.to().equals(END)
                    && (out.get(0).failovers() == 0 || out.get(0).wans().isEmpty())) {
                throw new AssertionError("the report of " + which.get(0) + " found none of its state changes");
            }
        }
        return ms;
    }

    private static String row(String name, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f |",
                name,
                sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    private static String site(int s) {
        return "bench-" + s;
    }

    /**
     * The events in time order (ids in key order, as from live agents) through the store's own append, each state
     * change also copied for the reports as at ingest, in batches of {@link #LOAD_BATCH} (the ingest writer commits
     * at most {@link EventWriter#MAX_BATCH}). A bulk load: the caller drops the two indexes of {@code events} before
     * and builds them after, since with them in place every commit rewrites a leaf of each of the 1,000 sites and
     * the H2 file grew by 4–5 GB a minute.
     */
    private static void load(Stores stores) {
        long span = END.toEpochMilli() - START.toEpochMilli();
        WireCodec codec = new WireCodec();
        List<StoredEvent> batch = new ArrayList<>(LOAD_BATCH);
        for (int i = 0; i < EVENTS; i++) {
            long time = START.toEpochMilli() + span * i / EVENTS;
            int s = i % SITES;
            long nth = i / SITES;
            String type = nth % CHANGE_EVERY == 0 ? CHANGES[(int) (nth / CHANGE_EVERY % 4)] : "router.vrrp_state";
            String subject = type.startsWith("wan.")
                    ? "wan/wan1"
                    : type.startsWith("vrrp.") ? "vrrp/eth0/IPv4/10" : "router/router-a";
            String master = nth / CHANGE_EVERY / 4 % 2 == 0 ? "192.0.2.12" : "192.0.2.11";
            Event e = Event.of(
                    ulid(time, i),
                    site(s),
                    nth,
                    Instant.ofEpochMilli(time),
                    type,
                    Severity.INFO,
                    subject,
                    data(master));
            batch.add(new StoredEvent(e, codec.encodeToString(e), Instant.ofEpochMilli(time + 40)));
            if (batch.size() == LOAD_BATCH) {
                stores.events().append(batch);
                batch.clear();
            }
            if (i % 1_000_000 == 999_999) {
                System.out.printf(Locale.ROOT, "%,d events loaded%n", i + 1);
            }
        }
        stores.events().append(batch);
    }

    private static void sql(Stores stores, List<String> statements) {
        for (String statement : statements) {
            stores.db().inTransaction(c -> c.createStatement().execute(statement));
        }
    }

    private static ObjectNode data(String master) {
        return Json.object()
                .put("router", "router-a")
                .put("vrrp", "vrrp1")
                .put("vrid", 10)
                .put("state", "master")
                .put("master", master)
                .put("priority", 200)
                .put("sniffer_master", "192.0.2.11")
                .put("agrees", true);
    }

    private static String ulid(long millis, long unique) {
        char[] id = new char[26];
        long t = millis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (t & 31));
            t >>>= 5;
        }
        long r = unique;
        for (int i = 25; i >= 10; i--) {
            id[i] = ALPHABET.charAt((int) (r & 31));
            r >>>= 5;
        }
        return new String(id);
    }
}
