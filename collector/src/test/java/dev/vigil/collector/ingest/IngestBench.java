package dev.vigil.collector.ingest;

import dev.vigil.collector.testing.LoadGenerator.Login;
import dev.vigil.collector.testing.LoadGenerator.Result;
import dev.vigil.collector.testing.LoadGeneratorProcess;
import dev.vigil.collector.testing.LoadGeneratorProcess.Phases;
import dev.vigil.collector.testing.LoadGeneratorProcess.Plan;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest throughput and publish → PUBACK latency of the embedded endpoint with H2, against the same load through
 * Debian's mosquitto to one QoS 1 subscriber, in the same run. The simulated sites run in a JVM of their own
 * ({@link LoadGeneratorProcess}). "Steady again" repeats the steady rate after the saturated phase, on JVMs that
 * have run ≈ 40 s of load; "send lag" is how late the generator's publish calls came against their
 * schedule, and "p99 from schedule" times from the scheduled send instead of the call. Knobs: {@code -Dvigil.bench.sites}, {@code -Dvigil.bench.seconds},
 * {@code -Dvigil.bench.rate}, {@code -Dvigil.bench.window}, {@code -Dvigil.bench.warmup}.
 */
@Tag("bench")
class IngestBench {
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 1000);
    private static final int SECONDS = Integer.getInteger("vigil.bench.seconds", 15);
    private static final int RATE = Integer.getInteger("vigil.bench.rate", 5000);
    private static final int WINDOW = Integer.getInteger("vigil.bench.window", 5);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("vigil.bench.warmup", 10));
    private static final String PREFIX = "vigil/v1";

    @TempDir
    Path tmp;

    @Test
    void ingest_embeddedH2_versusMosquitto() throws Exception {
        Phases embedded;
        long stored;
        try (RunningCollector collector = new RunningCollector()) {
            List<Login> logins = new ArrayList<>();
            for (int i = 0; i < SITES; i++) {
                logins.add(new Login("bench-" + i, "bench-" + i, collector.addSite("bench-" + i)));
            }
            embedded = LoadGeneratorProcess.run(plan(collector.mqttPort()), logins, tmp);
            stored = collector.app().stores().events().count();
        }
        Phases mosquitto;
        long delivered;
        try (MosquittoBroker broker = new MosquittoBroker()
                .withConfig("max_inflight_messages 1000", "max_queued_messages 1000000")
                .start()) {
            Vertx vertx = Vertx.vertx();
            AtomicLong received = new AtomicLong();
            MqttClient subscriber = MqttClient.create(
                    vertx, new MqttClientOptions().setClientId("bench-sub").setMaxInflightQueue(1000));
            subscriber.publishHandler(m -> received.incrementAndGet());
            subscriber
                    .connect(broker.port(), "127.0.0.1")
                    .compose(a -> subscriber.subscribe(PREFIX + "/sites/#", 1))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            List<Login> anonymous = new ArrayList<>();
            for (int i = 0; i < SITES; i++) {
                anonymous.add(new Login("bench-" + i, null, null));
            }
            mosquitto = LoadGeneratorProcess.run(plan(broker.port()), anonymous, tmp);
            delivered = received.get();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        Result eSteady = embedded.results().get("steady");
        Result eMax = embedded.results().get("saturated");
        Result mSteady = mosquitto.results().get("steady");
        Result mMax = mosquitto.results().get("saturated");
        Result eAgain = embedded.results().get("steady-again");
        Result mAgain = mosquitto.results().get("steady-again");
        System.out.printf(
                Locale.ROOT,
                "%nIngestBench: %d sites, QoS 1, %d s phases after %d s warm-up, window %d, load generator in its own"
                        + " JVM; %d cores; load average now %s%n",
                SITES,
                SECONDS,
                WARM_UP.toSeconds(),
                WINDOW,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        System.out.printf(
                Locale.ROOT,
                "| %-44s | %10s | %9s | %9s | %10s | %13s | %17s |%n",
                "phase",
                "events/s",
                "p50 ms",
                "p99 ms",
                "acked",
                "send lag p99",
                "p99 from schedule");
        row("embedded endpoint + H2, steady " + RATE + "/s", eSteady);
        row("mosquitto (baseline), steady " + RATE + "/s", mSteady);
        row("embedded endpoint + H2, saturated", eMax);
        row("mosquitto (baseline), saturated", mMax);
        row("embedded endpoint + H2, steady again", eAgain);
        row("mosquitto (baseline), steady again", mAgain);
        System.out.printf(
                Locale.ROOT,
                "events stored by the collector: %d; delivered to the mosquitto subscriber: %d%n",
                stored,
                delivered);
        System.out.printf(
                Locale.ROOT,
                "ratio embedded/mosquitto: saturated throughput %.2f, steady p99 %.2f, steady-again p99 %.2f%n",
                eMax.perSecond() / mMax.perSecond(),
                eSteady.p99Ms() / mSteady.p99Ms(),
                eAgain.p99Ms() / mAgain.p99Ms());
    }

    private static Plan plan(int port) {
        return new Plan(port, PREFIX, RATE, WINDOW, Duration.ofSeconds(SECONDS), WARM_UP);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void row(String what, Result r) {
        System.out.printf(
                Locale.ROOT,
                "| %-44s | %10.0f | %9.2f | %9.2f | %10d | %13.2f | %17.2f |%n",
                what,
                r.perSecond(),
                r.p50Ms(),
                r.p99Ms(),
                r.acked(),
                r.lagP99Ms(),
                r.p99FromScheduleMs());
    }
}
