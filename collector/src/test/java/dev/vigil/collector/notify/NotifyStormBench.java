package dev.vigil.collector.notify;

import dev.vigil.collector.notify.policy.ChannelSetup;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An alert storm through the real collector: every site loses all its WANs at once, each loss a new critical alert.
 * Publish → PUBACK latency (the PUBACK comes once the event is committed, see collector.md) with no channel against
 * three channels routed by default, in the same run, alternating. The channels record instead of delivering (their
 * own cost is the dispatcher's, measured with the channels): this measures what the notification policy (routing,
 * ack tokens written to the database, storm digests) costs ingest. Knobs: {@code -Dvigil.bench.sites},
 * {@code -Dvigil.bench.wans}, {@code -Dvigil.bench.rounds}.
 */
@Tag("bench")
class NotifyStormBench {
    private static final int SITES = Integer.getInteger("vigil.bench.sites", 40);
    private static final int WANS = Integer.getInteger("vigil.bench.wans", 25);
    private static final int ROUNDS = Integer.getInteger("vigil.bench.rounds", 2);

    private record Run(String mode, long[] latenciesUs, int notifications) {}

    @Test
    void storm_ingestLatency_withAndWithoutChannels() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            runs.add(run("no channel", ChannelSetup.none(), null));
            RecordingChannels three = new RecordingChannels()
                    .add("ntfy", "ntfy")
                    .add("mail", "mailto")
                    .add("tgram", "tgram");
            runs.add(run("3 channels", three.setup(), three));
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8); // forbiddenapis: tests may print
        out.printf(
                Locale.ROOT,
                "%n%d sites x %d WAN-down events (each a new critical alert), QoS 1, one publisher per site%n",
                SITES,
                WANS);
        out.println("| mode | events | p50 µs | p99 µs | max µs | notifications dispatched by the last PUBACK |");
        out.println("|---|---|---|---|---|---|");
        for (Run r : runs) {
            long[] l = r.latenciesUs();
            Arrays.sort(l);
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d |%n",
                    r.mode(),
                    l.length,
                    l[l.length / 2],
                    l[(int) Math.ceil(l.length * 0.99) - 1],
                    l[l.length - 1],
                    r.notifications());
        }
    }

    private static Run run(String mode, ChannelSetup channels, RecordingChannels recording) throws Exception {
        try (RunningCollector collector =
                new RunningCollector(c -> c.withPublicUrl("https://vigil.example.net"), channels)) {
            List<MqttClient> agents = new ArrayList<>();
            for (int s = 0; s < SITES; s++) {
                String site = "storm-" + s;
                MqttClient agent = collector.connect(site + "-agent", site, collector.addSite(site));
                agent.publish("vigil/v1/sites/" + site + "/status", Payloads.status(site, SiteStatus.ONLINE), 1, true);
                agents.add(agent);
            }
            List<Thread> threads = new ArrayList<>();
            long[] latencies = new long[SITES * WANS];
            for (int s = 0; s < SITES; s++) {
                int index = s;
                MqttClient agent = agents.get(s);
                Thread thread = new Thread(() -> {
                    String site = "storm-" + index;
                    for (int w = 0; w < WANS; w++) {
                        byte[] event = Payloads.wanDown(site, "wan" + w);
                        long t0 = System.nanoTime();
                        try {
                            agent.publish("vigil/v1/sites/" + site + "/events", event, 1, false);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        latencies[index * WANS + w] = (System.nanoTime() - t0) / 1000;
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            for (MqttClient a : agents) {
                a.disconnect();
            }
            return new Run(
                    mode, latencies, recording == null ? 0 : recording.sent().size());
        }
    }
}
