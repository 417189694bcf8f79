package dev.vigil.agent.vrrp.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
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
 * <p>The measured agent is placed by the kernel, or confined to the CPUs of {@code -Dvigil.bench.agent.cpus}
 * ({@code any} by default); {@code -Dvigil.bench.agent.compareCpus} (default {@code none}) adds a second agent on
 * other CPUs, reported beside it: on the lab VM one vCPU stalls for 10-20 ms around failovers
 * (docs/benchmarks-vrrp.md), and the two rows show what the placement does in the same run.
 *
 * <p>{@code -Dvigil.bench.instruments=lean} runs only the measured agent and the real-time C capture (the baseline of
 * the ratio), so that the other instruments do not add their own work to the machine at the failover moments.
 */
@Tag("bench")
class DetectionLatencyBench {
    private static final int FAILOVERS = Integer.getInteger("vigil.bench.failovers", 100);
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final long SLOW_MICROS = 5_000;
    private static final long SAME_PACKET_MICROS = 2_000;
    private static final String AGENT_CPUS = cpus("vigil.bench.agent.cpus", "any", "any");
    private static final boolean LEAN = instruments();
    private static final String COMPARE_CPUS = LEAN ? null : cpus("vigil.bench.agent.compareCpus", "none", "none");

    @Test
    void failovers_p99DetectionBelow10ms() throws Exception {
        Path probeBinary = NativeCaptureProbe.compile(Path.of("target/bench"));
        CpuTimes cpuStart = CpuTimes.read();
        Instant started = Instant.now();
        List<Frame> cFrames;
        List<Frame> rtFrames;
        List<Failover> failovers;
        List<Failover> compareFailovers;
        InProcessCapture polling;
        InProcessCapture pcap4j;
        boolean realtime;
        try (SiteLab lab =
                SiteLab.builder().vrrpVersion(3).advertInterval(INTERVAL).start()) {
            String iface = lab.lanInterface(Host.AGENT);
            String ns = lab.namespace(Host.AGENT);
            Path dir = lab.directory();
            try (NativeCaptureProbe c = LEAN
                            ? null
                            : NativeCaptureProbe.start(probeBinary, ns, iface, false, dir.resolve("c.log"));
                    NativeCaptureProbe rt =
                            NativeCaptureProbe.start(probeBinary, ns, iface, true, dir.resolve("c-rt.log"));
                    AgentSniffProcess agent = AgentSniffProcess.start(ns, iface, AGENT_CPUS, dir.resolve("agent.log"));
                    AgentSniffProcess compare = COMPARE_CPUS == null
                            ? null
                            : AgentSniffProcess.start(ns, iface, COMPARE_CPUS, dir.resolve("agent-compare.log"));
                    InProcessCapture p = LEAN
                            ? null
                            : new InProcessCapture(
                                    "polling",
                                    iface,
                                    lab.runIn(Host.AGENT, () -> CaptureAccess.polling(iface, Clock.systemUTC())));
                    InProcessCapture q = LEAN
                            ? null
                            : new InProcessCapture(
                                    "pcap4j",
                                    iface,
                                    lab.runIn(Host.AGENT, () -> CaptureAccess.pcap4j(iface, Clock.systemUTC())))) {
                polling = p;
                pcap4j = q;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> (LEAN || (p.elected() && q.elected()))
                                && !agent.lines("vrrp.master_elected").isEmpty()
                                && (compare == null
                                        || !compare.lines("vrrp.master_elected").isEmpty()));
                realtime = !LEAN && CaptureAccess.realtime(p.source());
                for (int i = 0; i < FAILOVERS; i++) {
                    int before = LEAN ? 0 : p.changes().size();
                    int beforeQ = LEAN ? 0 : q.changes().size();
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
                            .until(() -> (LEAN
                                            || (p.changes().size() > before
                                                    && q.changes().size() > beforeQ))
                                    && agent.lines("vrrp.master_changed").size() > agentBefore
                                    && (compare == null
                                            || compare.lines("vrrp.master_changed")
                                                            .size()
                                                    > compareBefore));
                }
                failovers = Failover.all(agent);
                long last = micros(failovers.get(failovers.size() - 1).time());
                Awaitility.await()
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> (c == null || seenAfter(c, last)) && seenAfter(rt, last));
                cFrames = c == null ? List.of() : c.frames();
                rtFrames = rt.frames();
                compareFailovers = compare == null ? List.of() : Failover.all(compare);
            }
        }
        String cpu = CpuTimes.read().since(cpuStart);

        List<Long> agentLine = failovers.stream().map(Failover::lineMicros).toList();
        List<Long> compareLine =
                compareFailovers.stream().map(Failover::lineMicros).toList();
        LatencyRow cEvery = LatencyRow.of("C libpcap: wire -> user space, every advert", delivery(cFrames));
        LatencyRow cFail = LatencyRow.of(
                "C libpcap: wire -> user space, failover adverts", failoverDeliveries(failovers, cFrames));
        LatencyRow rtEvery = LatencyRow.of("C libpcap SCHED_FIFO: every advert", delivery(rtFrames));
        LatencyRow rtFail =
                LatencyRow.of("C libpcap SCHED_FIFO: failover adverts", failoverDeliveries(failovers, rtFrames));
        LatencyRow line = LatencyRow.of("agent jar sniff --json" + placement(AGENT_CPUS) + ": -> line", agentLine);
        LatencyRow added =
                LatencyRow.of("agent line minus C SCHED_FIFO, same advert", agentOverProbe(failovers, rtFrames));
        LatencyRow compareRow = LatencyRow.of("second agent jar" + placement(COMPARE_CPUS) + ": -> line", compareLine);
        System.out.printf(
                Locale.ROOT,
                "%d failovers in %d s (VRRPv3, %d ms adverts; %s); %s%n",
                FAILOVERS,
                Duration.between(started, Instant.now()).toSeconds(),
                INTERVAL.toMillis(),
                LEAN ? "lean: only the agent and the real-time C capture" : "every instrument",
                cpu);
        System.out.println(LatencyRow.HEADER);
        if (LEAN) {
            for (LatencyRow row : List.of(rtEvery, rtFail, line, added)) {
                System.out.println(row);
            }
            System.out.printf(
                    Locale.ROOT,
                    "ratio p99: agent line / C SCHED_FIFO failover adverts %.2f%n",
                    line.p99() / (double) rtFail.p99());
        } else {
            printEveryInstrument(cEvery, cFail, rtEvery, rtFail, line, compareRow, cFrames, polling, pcap4j, realtime);
            System.out.println(added);
        }
        printSlow("C SCHED_FIFO", rtFrames, Frame::deliveryMicros, Frame::asleepMicros, f -> false);
        System.out.println("agent line per failover (us): " + agentLine);
        if (COMPARE_CPUS != null) {
            System.out.println("second agent line per failover (us): " + compareLine);
        }
        System.out.println("C SCHED_FIFO per failover advert (us): " + failoverDeliveries(failovers, rtFrames));

        assertThat(agentLine).hasSizeGreaterThanOrEqualTo(FAILOVERS);
        assertThat(line.p99()).isLessThanOrEqualTo(10_000);
    }

    private static void printEveryInstrument(
            LatencyRow cEvery,
            LatencyRow cFail,
            LatencyRow rtEvery,
            LatencyRow rtFail,
            LatencyRow line,
            LatencyRow compareRow,
            List<Frame> cFrames,
            InProcessCapture polling,
            InProcessCapture pcap4j,
            boolean realtime) {
        LatencyRow qEvery =
                LatencyRow.of("in-process pcap4j + breakloop: wire -> JVM, every advert", polling(pcap4j.deliveries()));
        LatencyRow qFail = LatencyRow.of("in-process pcap4j + breakloop: -> master_changed", pcap4j.changeMicros());
        LatencyRow pEvery = LatencyRow.of(
                "in-process poll(2)" + (realtime ? " FIFO" : "") + ": wire -> JVM, every advert",
                polling(polling.deliveries()));
        LatencyRow pFail = LatencyRow.of(
                "in-process poll(2)" + (realtime ? " FIFO" : "") + ": -> master_changed", polling.changeMicros());
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
        printSlow(
                "in-process pcap4j",
                pcap4j.deliveries(),
                TimedPipeline.Delivery::deliveryMicros,
                TimedPipeline.Delivery::asleepMicros,
                TimedPipeline.Delivery::afterIdleWake);
    }

    /** {@code -Dvigil.bench.instruments}: {@code all} (default) or {@code lean}. */
    private static boolean instruments() {
        String value = System.getProperty("vigil.bench.instruments", "all").trim();
        if (!value.equals("all") && !value.equals("lean")) {
            throw new IllegalArgumentException("vigil.bench.instruments=" + value + ": expected all or lean");
        }
        return value.equals("lean");
    }

    /**
     * A failover as an agent reported it: the new master, the capture time of its first advert, and the line's
     * latency (its arrival on the bench's pipe minus that time).
     */
    private record Failover(Instant time, String master, long lineMicros) {
        static List<Failover> all(AgentSniffProcess agent) {
            return agent.lines("vrrp.master_changed").stream().map(Failover::of).toList();
        }

        static Failover of(AgentSniffProcess.Line line) {
            Instant time = Instant.parse(line.json().path("time").asText());
            return new Failover(
                    time,
                    line.json().path("master").asText(),
                    Duration.between(time, line.arrival()).toNanos() / 1000);
        }
    }

    /** The CPU list of a placement property, or null for the kernel's choice (or no second agent). */
    private static String cpus(String property, String defaultValue, String unset) {
        String value = System.getProperty(property, defaultValue).trim();
        return value.isEmpty() || value.equals(unset) ? null : value;
    }

    private static String placement(String cpus) {
        return cpus == null ? "" : " on CPU " + cpus;
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
    private static List<Long> failoverDeliveries(List<Failover> failovers, List<Frame> frames) {
        List<Long> out = new ArrayList<>();
        for (Failover o : failovers) {
            sameAdvert(o, frames).ifPresent(f -> out.add(f.deliveryMicros()));
        }
        return out;
    }

    /**
     * Per failover, the agent line's latency minus the probe's delivery of the same advert: what the agent adds to
     * the platform's own wake-up of a real-time reader.
     */
    private static List<Long> agentOverProbe(List<Failover> failovers, List<Frame> frames) {
        List<Long> out = new ArrayList<>();
        for (Failover o : failovers) {
            sameAdvert(o, frames).ifPresent(f -> out.add(o.lineMicros() - f.deliveryMicros()));
        }
        return out;
    }

    private static Optional<Frame> sameAdvert(Failover failover, List<Frame> frames) {
        long t = micros(failover.time());
        return frames.stream()
                .filter(f ->
                        f.source().equals(failover.master()) && Math.abs(f.captureMicros() - t) <= SAME_PACKET_MICROS)
                .min(Comparator.comparingLong(f -> Math.abs(f.captureMicros() - t)));
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
