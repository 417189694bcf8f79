package dev.vigil.collector.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store alone: {@link JdbcEventStore#append} of batches from many sites into an H2 file, as the group commit does
 * it, in µs per event — the current schema against a same-run baseline with the two indexes that V4 dropped
 * ({@code events_by_site_time}, {@code events_by_received}), and the current schema with 1 event in 100 and with
 * every event a state change (also copied to {@code state_changes}, V13) instead of none, in rotating order, each run
 * on a new file (half of the events warm up, the other half is measured). Knobs: {@code -Dvigil.bench.sites} (1,000),
 * {@code -Dvigil.bench.events} (200,000 per run), {@code -Dvigil.bench.batch} (1,000), {@code -Dvigil.bench.rounds}
 * (3), {@code -Dvigil.bench.h2} (appended to the H2 URL, e.g. {@code ;CACHE_SIZE=262144}), {@code -Dvigil.bench.sql}
 * (statements run after the migrations in every variant, separated by {@code ;}).
 */
@Tag("bench")
class EventStoreBench {
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 1000);
    private static final int EVENTS = Integer.getInteger("vigil.bench.events", 200_000);
    private static final int BATCH = Integer.getInteger("vigil.bench.batch", 1000);
    private static final int ROUNDS = Integer.getInteger("vigil.bench.rounds", 3);
    private static final String BASELINE = "V3 indexes (baseline)";
    private static final String CURRENT = "current schema";
    private static final String SOME_CHANGES = "current schema, 1 event in 100 a state change";
    private static final String ALL_CHANGES = "current schema, every event a state change";

    /** @param changeEvery one event in this many is a state change ({@code vrrp.master_changed}); 0 for none */
    private record Variant(String sql, int changeEvery) {}

    private static final Map<String, Variant> VARIANTS = Map.of(
            BASELINE,
            new Variant(
                    "CREATE INDEX events_by_site_time ON events (site, event_time);"
                            + "CREATE INDEX events_by_received ON events (received_at)",
                    0),
            CURRENT,
            new Variant("", 0),
            SOME_CHANGES,
            new Variant("", 100),
            ALL_CHANGES,
            new Variant("", 1));
    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void append_batchesFromManySites_h2File_againstV3Indexes() {
        List<String> names = List.of(BASELINE, CURRENT, SOME_CHANGES, ALL_CHANGES);
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        names.forEach(n -> micros.put(n, new ArrayList<>()));
        int run = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> order = new ArrayList<>(names);
            java.util.Collections.rotate(order, round);
            for (String variant : order) {
                Variant v = VARIANTS.get(variant);
                List<StoredEvent> all = new ArrayList<>(EVENTS);
                for (int i = 0; i < EVENTS; i++) {
                    boolean change = v.changeEvery() > 0 && i % v.changeEvery() == 0;
                    all.add(stored("bench-" + (i % SITES), change ? "vrrp.master_changed" : "router.vrrp_state"));
                }
                double us = run(dir.resolve("bench" + run++), v.sql(), all);
                micros.get(variant).add(us);
                System.out.printf(Locale.ROOT, "round %d, %s: %.1f µs/event%n", round + 1, variant, us);
            }
        }
        double base = median(micros.get(BASELINE));
        System.out.printf(
                Locale.ROOT,
                "%nEventStoreBench: %,d measured events per run from %d sites in batches of %d, %d rounds%n"
                        + "| variant | µs/event (median) | events/s | ratio to baseline | runs, µs/event |%n"
                        + "|---|---|---|---|---|%n",
                EVENTS - EVENTS / 2,
                SITES,
                BATCH,
                ROUNDS);
        micros.forEach((variant, runs) -> System.out.printf(
                Locale.ROOT,
                "| %s | %.1f | %,.0f | %.2f | %s |%n",
                variant,
                median(runs),
                1e6 / median(runs),
                median(runs) / base,
                runs.stream().map(us -> String.format(Locale.ROOT, "%.1f", us)).toList()));
    }

    private static double run(Path file, String variantSql, List<StoredEvent> all) {
        try (Stores stores =
                Stores.open("jdbc:h2:file:" + file + System.getProperty("vigil.bench.h2", ""), null, null)) {
            for (String sql : (variantSql + ";" + System.getProperty("vigil.bench.sql", "")).split(";")) {
                if (!sql.isBlank()) {
                    stores.db().inTransaction(c -> c.createStatement().execute(sql));
                }
            }
            int half = all.size() / 2;
            write(stores.events(), all.subList(0, half)); // warm-up: JIT and the first pages, not measured
            long t0 = System.nanoTime();
            write(stores.events(), all.subList(half, all.size()));
            return (System.nanoTime() - t0) / 1e3 / (all.size() - half);
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = new ArrayList<>(runs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static void write(EventStore store, List<StoredEvent> events) {
        for (int i = 0; i < events.size(); i += BATCH) {
            store.append(events.subList(i, Math.min(events.size(), i + BATCH)));
        }
    }

    private static StoredEvent stored(String site, String type) {
        ObjectNode data = Json.object()
                .put("router", "router-a")
                .put("vrid", 10)
                .put("state", "master")
                .put("master", "192.0.2.11")
                .put("priority", 200)
                .put("agrees", true);
        Event e = Payloads.event(site, type, Severity.INFO, "router/router-a", data);
        return new StoredEvent(e, new String(CODEC.encode(e), StandardCharsets.UTF_8), Instant.now());
    }
}
