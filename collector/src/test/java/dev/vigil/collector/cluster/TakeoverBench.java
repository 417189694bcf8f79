package dev.vigil.collector.cluster;

import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.CollectorProcess;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takeover time: three collector processes (Debian mosquitto and PostgreSQL on loopback); one is killed with SIGKILL
 * (each in turn), and the time until the other two own all 16 partitions again is measured by polling
 * {@code GET /api/cluster} every 20 ms; then it is restarted and rejoins. Knob: {@code -Dvigil.bench.kills} (10).
 */
@Tag("bench")
class TakeoverBench {
    private static final int KILLS = Integer.getInteger("vigil.bench.kills", 10);

    @TempDir
    Path dir;

    @Test
    void sigkill_threeCollectors_timeUntilTheOthersOwnEveryPartition() {
        try (PostgresServer postgres = new PostgresServer();
                MosquittoBroker broker = new MosquittoBroker().start()) {
            String db = postgres.newDatabase();
            List<CollectorProcess> all = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    all.add(CollectorProcess.clusterMember(dir.resolve("c" + i), broker.url(), db, "c" + i)
                            .start());
                    all.get(i - 1).admin();
                }
                List<Double> millis = new ArrayList<>();
                for (int k = 0; k < KILLS; k++) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> owned(all) == Partitions.COUNT);
                    CollectorProcess victim = all.get(k % all.size());
                    List<CollectorProcess> rest =
                            all.stream().filter(c -> c != victim).toList();
                    victim.kill();
                    long t0 = System.nanoTime();
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> owned(rest) == Partitions.COUNT);
                    millis.add((System.nanoTime() - t0) / 1e6);
                    victim.start().admin();
                }
                millis.sort(null);
                System.out.printf(
                        Locale.ROOT,
                        "%nTakeoverBench: %d SIGKILLs of one of 3 collectors; time until the other 2 own all %d"
                                + " partitions%n| p50 ms | p95 ms | max ms | all ms |%n|---|---|---|---|%n"
                                + "| %.0f | %.0f | %.0f | %s |%n",
                        KILLS,
                        Partitions.COUNT,
                        millis.get(millis.size() / 2),
                        millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.95) - 1)),
                        millis.get(millis.size() - 1),
                        millis.stream()
                                .map(m -> String.format(Locale.ROOT, "%.0f", m))
                                .toList());
            } finally {
                all.forEach(CollectorProcess::close);
            }
        }
    }

    private static int owned(List<CollectorProcess> collectors) {
        return collectors.stream().mapToInt(CollectorProcess::ownedPartitions).sum();
    }
}
