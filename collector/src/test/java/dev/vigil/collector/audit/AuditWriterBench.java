package dev.vigil.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a caller pays for {@link AuditWriter#record} and how fast the worker drains a burst into an H2 file: 5 rounds
 * of 5 000 lines (under the queue's 10 000), printed.
 */
@Tag("bench")
class AuditWriterBench {
    private static final int LINES = 5_000;

    @Test
    void burst() throws Exception {
        Path dir = Files.createTempDirectory("vigil-audit-bench-");
        try (Stores stores = Stores.open("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "")) {
            Counters counters = new Counters();
            try (AuditWriter writer = new AuditWriter(
                    new JdbcAuditStore(stores.db()),
                    new EntryCustomers(site -> Optional.of("Alpha"), user -> null),
                    counters,
                    Clock.systemUTC(),
                    r -> new Thread(r, "audit-bench"))) {
                for (int round = 1; round <= 5; round++) {
                    long before = counters.get("vigil_audit_written_total");
                    long start = System.nanoTime();
                    for (int i = 0; i < LINES; i++) {
                        writer.record(new AuditEntry(
                                "action.executed",
                                "agent:a-one",
                                "a-one",
                                "ok",
                                "repair set_vrrp_priority on router-a",
                                Json.object().put("router", "router-a").put("n", i),
                                "192.0.2.10"));
                    }
                    long queued = System.nanoTime();
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> counters.get("vigil_audit_written_total") == before + LINES);
                    long written = System.nanoTime();
                    System.out.printf(
                            java.util.Locale.ROOT,
                            "round %d: record() %.2f µs per line on the caller; %d lines written in %d ms (%.0f lines/s),"
                                    + " %d batches so far%n",
                            round,
                            (queued - start) / 1000.0 / LINES,
                            LINES,
                            (written - start) / 1_000_000,
                            LINES * 1e9 / (written - start),
                            counters.get("vigil_audit_batches_total"));
                }
                assertThat(counters.get("vigil_audit_dropped_total")).isZero();
            }
        }
    }
}
