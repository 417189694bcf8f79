package dev.vigil.agent.bench;

import static org.awaitility.Awaitility.await;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.publish.FileOutbox;
import dev.vigil.agent.publish.FsyncPolicy;
import dev.vigil.agent.publish.MqttConfig;
import dev.vigil.agent.publish.OutboxSettings;
import dev.vigil.agent.publish.OutboxSink;
import dev.vigil.agent.publish.Publisher;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox throughput per fsync policy: events/s appended (persisted) by one producer, and events/s persisted and
 * acknowledged by a local mosquitto. Baseline: appending with {@code fsync: never} and no publisher.
 */
@Tag("bench")
class OutboxBench {
    private static final String SITE = "bench";

    @TempDir
    Path dir;

    @Test
    void outbox_eachFsyncPolicy_eventsPerSecond() throws Exception {
        for (int i = 0; i < 3; i++) {
            appendOnly(FsyncPolicy.NEVER, 20_000); // JIT warm-up
        }
        double baseline = appendOnly(FsyncPolicy.NEVER, 20_000);
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "%-8s %10s %14s %10s %20s %10s%n",
                "fsync",
                "events",
                "append ev/s",
                "ratio",
                "persist+publish ev/s",
                "ratio"));
        try (MosquittoBroker broker = Brokers.persistent().start()) {
            for (FsyncPolicy policy : FsyncPolicy.values()) {
                int n = policy == FsyncPolicy.ALWAYS ? 2_000 : 20_000;
                double append = appendOnly(policy, n);
                double published = persistAndPublish(policy, n, broker.url());
                table.append(String.format(
                        Locale.ROOT,
                        "%-8s %10d %14.0f %10.3f %20.0f %10.3f%n",
                        policy.configName(),
                        n,
                        append,
                        append / baseline,
                        published,
                        published / baseline));
            }
        }
        System.out.println("baseline (append, fsync never, no publisher, same 20,000 events): " + Math.round(baseline)
                + " events/s");
        System.out.print(table);
    }

    private double appendOnly(FsyncPolicy policy, int n) throws Exception {
        Path outboxDir = Files.createTempDirectory(dir, "append-");
        try (FileOutbox outbox = FileOutbox.open(outboxDir, settings(policy), Clock.systemUTC())) {
            OutboxSink sink = new OutboxSink(SITE, outbox, Clock.systemUTC());
            for (int i = 0; i < 1_000; i++) {
                sink.accept(observation(i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink.accept(observation(i));
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double persistAndPublish(FsyncPolicy policy, int n, String url) throws Exception {
        Path outboxDir = Files.createTempDirectory(dir, "publish-");
        try (FileOutbox outbox = FileOutbox.open(outboxDir, settings(policy), Clock.systemUTC());
                Publisher publisher = Publisher.mqtt(
                        MqttConfig.of(url, SITE + "-" + policy.configName()),
                        SITE,
                        "bench",
                        outbox,
                        Clock.systemUTC())) {
            publisher.start();
            await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);
            OutboxSink sink = new OutboxSink(SITE, outbox, Clock.systemUTC());
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink.accept(observation(i));
            }
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> publisher.eventsPublished() >= n);
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static OutboxSettings settings(FsyncPolicy policy) {
        return OutboxSettings.of(
                OutboxSettings.DEFAULT_MAX_BYTES,
                policy,
                OutboxSettings.DEFAULT_FSYNC_INTERVAL,
                OutboxSettings.DEFAULT_FSYNC_BATCH);
    }

    private static Observation observation(int i) {
        return new Observation(
                Instant.now(),
                "wan.degraded",
                Severity.WARNING,
                "wan/wan1",
                Json.object()
                        .put("wan", "wan1")
                        .put("loss_pct", 12.5)
                        .put("rtt_ms", 41.2)
                        .put("n", i));
    }
}
