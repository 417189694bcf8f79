package dev.vigil.collector.ingest;

import dev.vigil.collector.testing.LoadGenerator;
import dev.vigil.collector.testing.LoadGenerator.Login;
import dev.vigil.collector.testing.LoadGenerator.Result;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingest throughput and publish → PUBACK latency of the embedded endpoint with H2, against the same load through
 * Debian's mosquitto to one QoS 1 subscriber, in the same run. Knobs: {@code -Dvigil.bench.sites},
 * {@code -Dvigil.bench.seconds}, {@code -Dvigil.bench.rate}, {@code -Dvigil.bench.window}.
 */
@Tag("bench")
class IngestBench {
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 1000);
    private static final int SECONDS = Integer.getInteger("vigil.bench.seconds", 15);
    private static final int RATE = Integer.getInteger("vigil.bench.rate", 5000);
    private static final int WINDOW = Integer.getInteger("vigil.bench.window", 5);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("vigil.bench.warmup", 10));

    @Test
    void ingest_embeddedH2_versusMosquitto() throws Exception {
        Result embeddedMax;
        Result embeddedSteady;
        long stored;
        try (RunningCollector collector = new RunningCollector()) {
            List<String> passwords = new ArrayList<>();
            for (int i = 0; i < SITES; i++) {
                passwords.add(collector.addSite("bench-" + i));
            }
            try (LoadGenerator load = new LoadGenerator(
                    collector.mqttPort(),
                    SITES,
                    i -> new Login("bench-" + i, "bench-" + i, passwords.get(i)),
                    "vigil/v1")) {
                load.steady(RATE / 2, WARM_UP); // JIT and connection caches, not measured
                embeddedSteady = load.steady(RATE, Duration.ofSeconds(SECONDS));
                embeddedMax = load.saturate(WINDOW, Duration.ofSeconds(SECONDS));
            }
            stored = collector.app().stores().events().count();
        }
        Result mosquittoMax;
        Result mosquittoSteady;
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
                    .compose(a -> subscriber.subscribe("vigil/v1/sites/#", 1))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            try (LoadGenerator load =
                    new LoadGenerator(broker.port(), SITES, i -> new Login("bench-" + i, null, null), "vigil/v1")) {
                load.steady(RATE / 2, WARM_UP);
                mosquittoSteady = load.steady(RATE, Duration.ofSeconds(SECONDS));
                mosquittoMax = load.saturate(WINDOW, Duration.ofSeconds(SECONDS));
            }
            delivered = received.get();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        print("embedded endpoint + H2, steady " + RATE + "/s", embeddedSteady);
        print("mosquitto (baseline), steady " + RATE + "/s", mosquittoSteady);
        print("embedded endpoint + H2, saturated", embeddedMax);
        print("mosquitto (baseline), saturated", mosquittoMax);
        System.out.printf(
                Locale.ROOT,
                "sites=%d window=%d seconds=%d; events stored by the collector: %d;"
                        + " delivered to the mosquitto subscriber: %d%n",
                SITES,
                WINDOW,
                SECONDS,
                stored,
                delivered);
        System.out.printf(
                Locale.ROOT,
                "ratio embedded/mosquitto: throughput %.2f, steady p99 %.2f%n",
                embeddedMax.perSecond() / mosquittoMax.perSecond(),
                embeddedSteady.p99Ms() / mosquittoSteady.p99Ms());
    }

    private static void print(String what, Result r) {
        System.out.printf(
                Locale.ROOT,
                "%-45s %10.0f events/s  p50 %8.2f ms  p99 %8.2f ms  (%d acked)%n",
                what,
                r.perSecond(),
                r.p50Ms(),
                r.p99Ms(),
                r.acked());
    }
}
