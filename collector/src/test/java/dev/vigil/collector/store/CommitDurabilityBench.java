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
 * What durable acknowledgement costs on H2: {@link JdbcEventStore#append} in µs per event with {@code WRITE_DELAY=0}
 * (every commit written to the file before it returns, as the collector opens H2) against H2's default of 500 ms
 * (commits written in the background), alternating, a new file each run, for group-commit batch sizes from 1 to
 * 1,000 (at 5,000 events/s the writer commits a few to a few dozen events at a time). Knobs: {@code
 * -Dvigil.bench.events} (20,000 measured per run), {@code -Dvigil.bench.rounds} (3).
 */
@Tag("bench")
class CommitDurabilityBench {
    private static final int EVENTS = Integer.getInteger("vigil.bench.events", 20_000);
    private static final int ROUNDS = Integer.getInteger("vigil.bench.rounds", 3);
    private static final int[] BATCHES = {1, 10, 100, 1000};
    private static final WireCodec CODEC = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void append_writeDelayZeroAgainstDefault_perBatchSize() {
        System.out.printf(
                Locale.ROOT,
                "%nCommitDurabilityBench: %,d events per run from 1,000 sites, %d rounds, median µs/event%n"
                        + "| batch | WRITE_DELAY=0 (durable) | WRITE_DELAY=500 (H2 default) | ratio |%n|---|---|---|---|%n",
                EVENTS,
                ROUNDS);
        int run = 0;
        for (int batch : BATCHES) {
            List<Double> durable = new ArrayList<>();
            List<Double> delayed = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                boolean durableFirst = round % 2 == 0;
                for (int i = 0; i < 2; i++) {
                    boolean isDurable = (i == 0) == durableFirst;
                    double us = run(dir.resolve("b" + run++), isDurable, batch);
                    (isDurable ? durable : delayed).add(us);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.1f | %.1f | %.2f |%n",
                    batch,
                    median(durable),
                    median(delayed),
                    median(durable) / median(delayed));
        }
    }

    private static double run(Path file, boolean durable, int batch) {
        List<StoredEvent> all = new ArrayList<>(2 * EVENTS);
        for (int i = 0; i < 2 * EVENTS; i++) {
            all.add(stored("bench-" + (i % 1000)));
        }
        try (Stores stores = Stores.open("jdbc:h2:file:" + file, null, null)) {
            if (!durable) {
                stores.db().inTransaction(c -> c.createStatement().execute("SET WRITE_DELAY 500"));
            }
            write(stores.events(), all.subList(0, EVENTS), batch); // warm-up, not measured
            long t0 = System.nanoTime();
            write(stores.events(), all.subList(EVENTS, all.size()), batch);
            return (System.nanoTime() - t0) / 1e3 / EVENTS;
        }
    }

    private static void write(EventStore store, List<StoredEvent> events, int batch) {
        for (int i = 0; i < events.size(); i += batch) {
            store.append(events.subList(i, Math.min(events.size(), i + batch)));
        }
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = new ArrayList<>(runs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static StoredEvent stored(String site) {
        ObjectNode data =
                Json.object().put("router", "router-a").put("vrid", 10).put("state", "master");
        Event e = Payloads.event(site, "router.vrrp_state", Severity.INFO, "router/router-a", data);
        return new StoredEvent(e, new String(CODEC.encode(e), StandardCharsets.UTF_8), Instant.now());
    }
}
