package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.bench.NativeCaptureProbe.Frame;
import dev.vigil.agent.vrrp.capture.CaptureAccess;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lab failovers (SIGTERM handover and preemption back, alternately), watched at once by every capture on the agent's
 * LAN interface: the real agent jar ({@code sniff --json}: latency to the arrival of its master_changed line), the
 * capture and observer in this JVM (the current poll(2) source and the former pcap4j source with its breakloop
 * ticker), and libpcap from C without a JVM, as an ordinary and as a real-time process (the platform's own delivery
 * latency). Every latency starts at the kernel capture timestamp of the new master's first advert.
 *
 * <p>The measured agent runs confined to the CPUs of {@code -Dvigil.bench.agent.cpus} (default {@code 0};
 * {@code any} leaves it to the kernel), a second agent on {@code -Dvigil.bench.agent.compareCpus} (default
 * {@code 1}; {@code none} for no second agent) is reported beside it: on the lab VM one vCPU stalls for 10-20 ms
 * around failovers (docs/benchmarks-vrrp.md), and the two rows show what the placement does in the same run.
 */
@Tag("bench")
class DetectionLatencyBench {
    private static final int FAILOVERS = Integer.getInteger("vigil.bench.failovers", 100);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final long SLOW_MICROS = 5_000;
    private static final long SAME_PACKET_MICROS = 2_000;
    private static final String AGENT_CPUS = cpus("vigil.bench.agent.cpus", "0", "any");
    private static final String COMPARE_CPUS = cpus(
            "vigil.bench.agent.compareCpus", Runtime.getRuntime().availableProcessors() > 1 ? "1" : "none", "none");

    @Test
    void failovers_p99DetectionBelow10ms() throws Exception {
        Path probeBinary = NativeCaptureProbe.compile(Path.of("target/bench"));
        CpuTimes cpuStart = CpuTimes.read();
        Instant started = Instant.now();
        List<Frame> cFrames;
        List<Frame> rtFrames;
        List<AgentSniffProcess.Line> agentChanges;
        List<AgentSniffProcess.Line> compareChanges;
        InProcessCapture polling;
        InProcessCapture pcap4j;
        boolean realtime;
        try (SiteLab lab =
                SiteLab.builder().vrrpVersion(3).advertInterval(INTERVAL).start()) {
            String iface = lab.lanInterface(Host.AGENT);
            String ns = lab.namespace(Host.AGENT);
            Path dir = lab.directory();
            try (NativeCaptureProbe c = NativeCaptureProbe.start(probeBinary, ns, iface, false, dir.resolve("c.log"));
                    NativeCaptureProbe rt =
                            NativeCaptureProbe.start(probeBinary, ns, iface, true, dir.resolve("c-rt.log"));
                    AgentSniffProcess agent = AgentSniffProcess.start(ns, iface, AGENT_CPUS, dir.resolve("agent.log"));
                    AgentSniffProcess compare = COMPARE_CPUS == null
                            ? null
                            : AgentSniffProcess.start(ns, iface, COMPARE_CPUS, dir.resolve("agent-compare.log"));
                    InProcessCapture p = new InProcessCapture(
                            "polling",
                            iface,
                            lab.runIn(Host.AGENT, () -> CaptureAccess.polling(iface, Clock.systemUTC())));
                    InProcessCapture q = new InProcessCapture(
                            "pcap4j",
                            iface,
                            lab.runIn(Host.AGENT, () -> CaptureAccess.pcap4j(iface, Clock.systemUTC())))) {
                polling = p;
                pcap4j = q;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> p.elected()
                                && q.elected()
                                && !agent.lines("vrrp.master_elected").isEmpty()
                                && (compare == null
                                        || !compare.lines("vrrp.master_elected").isEmpty()));
                realtime = CaptureAccess.realtime(p.source());
                for (int i = 0; i < FAILOVERS; i++) {
                    int before = p.changes().size();
                    int beforeQ = q.changes().size();
                    int agentBefore = agent.lines("vrrp.master_changed").size();
                    int compareBefore = compare == null
                            ? 0
                            : compare.lines("vrrp.master_changed").size();
                    if (i % 2 == 0) {
                        lab.stopRouter(Router.A);
                    } else {
                        lab.startRouter(Router.A);
                    }
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(10))
                            .until(() -> p.changes().size() > before
                                    && q.changes().size() > beforeQ
                                    && agent.lines("vrrp.master_changed").size() > agentBefore
                                    && (compare == null
                                            || compare.lines("vrrp.master_changed")
                                                            .size()
                                                    > compareBefore));
                }
                long last = micros(p.changes().get(p.changes().size() - 1).time());
                Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> seenAfter(c, last) && seenAfter(rt, last));
                cFrames = c.frames();
                rtFrames = rt.frames();
                agentChanges = agent.lines("vrrp.master_changed");
                compareChanges = compare == null ? List.of() : compare.lines("vrrp.master_changed");
            }
        }
        String cpu = CpuTimes.read().since(cpuStart);

        List<Long> agentLine = lineLatencies(agentChanges);
        List<Long> compareLine = lineLatencies(compareChanges);
        LatencyRow cEvery = LatencyRow.of("C libpcap: wire -> user space, every advert", delivery(cFrames));
        LatencyRow cFail = LatencyRow.of(
                "C libpcap: wire -> user space, failover adverts", failoverDeliveries(polling.changes(), cFrames));
        LatencyRow rtEvery = LatencyRow.of("C libpcap SCHED_FIFO: every advert", delivery(rtFrames));
        LatencyRow rtFail = LatencyRow.of(
                "C libpcap SCHED_FIFO: failover adverts", failoverDeliveries(polling.changes(), rtFrames));
        LatencyRow qEvery =
                LatencyRow.of("in-process pcap4j + breakloop: wire -> JVM, every advert", polling(pcap4j.deliveries()));
        LatencyRow qFail = LatencyRow.of("in-process pcap4j + breakloop: -> master_changed", pcap4j.changeMicros());
        LatencyRow pEvery = LatencyRow.of(
                "in-process poll(2)" + (realtime ? " FIFO" : "") + ": wire -> JVM, every advert",
                polling(polling.deliveries()));
        LatencyRow pFail = LatencyRow.of(
                "in-process poll(2)" + (realtime ? " FIFO" : "") + ": -> master_changed", polling.changeMicros());
        LatencyRow line = LatencyRow.of("agent jar sniff --json" + placement(AGENT_CPUS) + ": -> line", agentLine);
        LatencyRow compareRow = LatencyRow.of("second agent jar" + placement(COMPARE_CPUS) + ": -> line", compareLine);
        System.out.printf(
                Locale.ROOT,
                "%d failovers in %d s (VRRPv3, %d ms adverts); %s%n",
                FAILOVERS,
                Duration.between(started, Instant.now()).toSeconds(),
                INTERVAL.toMillis(),
                cpu);
        System.out.println(LatencyRow.HEADER);
        for (LatencyRow row : List.of(cEvery, cFail, rtEvery, rtFail, qEvery, qFail, pEvery, pFail, line)) {
            System.out.println(row);
        }
        if (COMPARE_CPUS != null) {
            System.out.println(compareRow);
        }
        System.out.printf(
                Locale.ROOT,
                "ratios p99: agent line / C failover adverts %.2f, agent line / C SCHED_FIFO failover adverts %.2f,"
                        + " agent line / C every advert %.2f, pcap4j every advert / C every advert %.2f%n",
                line.p99() / (double) cFail.p99(),
                line.p99() / (double) rtFail.p99(),
                line.p99() / (double) cEvery.p99(),
                qEvery.p99() / (double) cEvery.p99());
        printSlow("C", cFrames, Frame::deliveryMicros, Frame::asleepMicros, f -> false);
        printSlow("C SCHED_FIFO", rtFrames, Frame::deliveryMicros, Frame::asleepMicros, f -> false);
        printSlow(
                "in-process pcap4j",
                pcap4j.deliveries(),
                TimedPipeline.Delivery::deliveryMicros,
                TimedPipeline.Delivery::asleepMicros,
                TimedPipeline.Delivery::afterIdleWake);
        System.out.println("agent line per failover (us): " + agentLine);
        if (COMPARE_CPUS != null) {
            System.out.println("second agent line per failover (us): " + compareLine);
        }
        System.out.println("C per failover advert (us): " + failoverDeliveries(polling.changes(), cFrames));

        assertThat(agentLine).hasSizeGreaterThanOrEqualTo(FAILOVERS);
        assertThat(line.p99()).isLessThanOrEqualTo(10_000);
    }

    /** The CPU list of a placement property, or null for the kernel's choice (or no second agent). */
    private static String cpus(String property, String defaultValue, String unset) {
        String value = System.getProperty(property, defaultValue).trim();
        return value.isEmpty() || value.equals(unset) ? null : value;
    }

    private static String placement(String cpus) {
        return cpus == null ? "" : " on CPU " + cpus;
    }

    /** Arrival of each master_changed line minus its time (the capture timestamp of the new master's first advert). */
    private static List<Long> lineLatencies(List<AgentSniffProcess.Line> lines) {
        return lines.stream()
                .map(l -> Duration.between(Instant.parse(l.json().path("time").asText()), l.arrival())
                                .toNanos()
                        / 1000)
                .toList();
    }

    private static boolean seenAfter(NativeCaptureProbe probe, long micros) {
        return probe.frames().stream().anyMatch(f -> f.captureMicros() >= micros - SAME_PACKET_MICROS);
    }

    private static List<Long> delivery(List<Frame> frames) {
        return frames.stream().map(Frame::deliveryMicros).toList();
    }

    private static List<Long> polling(List<TimedPipeline.Delivery> deliveries) {
        return deliveries.stream().map(TimedPipeline.Delivery::deliveryMicros).toList();
    }

    /** The probe's delivery of each failover's first advert: same source, capture time within 2 ms. */
    private static List<Long> failoverDeliveries(List<Observation> changes, List<Frame> frames) {
        List<Long> out = new ArrayList<>();
        for (Observation o : changes) {
            long t = micros(o.time());
            String master = o.data().path("master").asText();
            frames.stream()
                    .filter(f -> f.source().equals(master) && Math.abs(f.captureMicros() - t) <= SAME_PACKET_MICROS)
                    .min(Comparator.comparingLong(f -> Math.abs(f.captureMicros() - t)))
                    .ifPresent(f -> out.add(f.deliveryMicros()));
        }
        return out;
    }

    /** The slow deliveries (over 5 ms) beside how long the reading thread had been waiting for them. */
    private static <T> void printSlow(
            String name,
            List<T> all,
            ToLongFunction<T> delivery,
            ToLongFunction<T> asleep,
            Predicate<T> afterIdleWake) {
        List<T> slow =
                all.stream().filter(x -> delivery.applyAsLong(x) > SLOW_MICROS).toList();
        LatencyRow asleepAll =
                LatencyRow.of("", all.stream().map(asleep::applyAsLong).toList());
        LatencyRow asleepSlow =
                LatencyRow.of("", slow.stream().map(asleep::applyAsLong).toList());
        System.out.printf(
                Locale.ROOT,
                "%s: %d of %d deliveries over %d ms; thread asleep before them p50 %.1f ms (all: p50 %.1f ms);"
                        + " %d right after an idle wake-up; slow (delivery/asleep us): %s%n",
                name,
                slow.size(),
                all.size(),
                SLOW_MICROS / 1000,
                asleepSlow.p50() / 1000.0,
                asleepAll.p50() / 1000.0,
                slow.stream().filter(afterIdleWake).count(),
                slow.stream()
                        .map(x -> delivery.applyAsLong(x) + "/" + asleep.applyAsLong(x))
                        .toList());
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
