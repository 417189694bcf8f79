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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store alone: {@link JdbcEventStore#append} of batches from many sites into an H2 file, as the group commit
 * does it, in µs per event. Knobs: {@code -Dvigil.bench.sites} (1,000), {@code -Dvigil.bench.events} (200,000),
 * {@code -Dvigil.bench.batch} (1,000), {@code -Dvigil.bench.h2} (appended to the H2 URL, e.g. {@code ;CACHE_SIZE=262144}),
 * {@code -Dvigil.bench.sql} (statements run after the migrations, separated by {@code ;}, e.g. a {@code DROP INDEX}).
 */
@Tag("bench")
class EventStoreBench {
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 1000);
    private static final int EVENTS = Integer.getInteger("vigil.bench.events", 200_000);
    private static final int BATCH = Integer.getInteger("vigil.bench.batch", 1000);
    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void append_batchesFromManySites_h2File() {
        try (Stores stores = Stores.open(
                "jdbc:h2:file:" + dir.resolve("bench") + System.getProperty("vigil.bench.h2", ""), null, null)) {
            for (String sql : System.getProperty("vigil.bench.sql", "").split(";")) {
                if (!sql.isBlank()) {
                    stores.db().inTransaction(c -> c.createStatement().execute(sql));
                }
            }
            List<StoredEvent> all = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                all.add(stored("bench-" + (i % SITES)));
            }
            int half = EVENTS / 2;
            write(stores.events(), all.subList(0, half)); // warm-up: JIT and the first pages, not measured
            long t0 = System.nanoTime();
            write(stores.events(), all.subList(half, EVENTS));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%nEventStoreBench: %,d events from %d sites in batches of %d: %.2f s, %,.0f events/s,"
                            + " %.1f µs/event%n",
                    EVENTS - half,
                    SITES,
                    BATCH,
                    seconds,
                    (EVENTS - half) / seconds,
                    seconds * 1e6 / (EVENTS - half));
        }
    }

    private static void write(EventStore store, List<StoredEvent> events) {
        for (int i = 0; i < events.size(); i += BATCH) {
            store.append(events.subList(i, Math.min(events.size(), i + BATCH)));
        }
    }

    private static StoredEvent stored(String site) {
        ObjectNode data = Json.object()
                .put("router", "router-a")
                .put("vrid", 10)
                .put("state", "master")
                .put("priority", 200)
                .put("agrees", true);
        Event e = Payloads.event(site, "router.vrrp_state", Severity.INFO, "router/router-a", data);
        return new StoredEvent(e, new String(CODEC.encode(e), StandardCharsets.UTF_8), Instant.now());
    }
}
