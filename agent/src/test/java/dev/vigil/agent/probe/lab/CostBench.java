package dev.vigil.agent.probe.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPU and RSS of {@code vigil-agent probe} watching 3 WANs × 3 targets at 2 probes/s each (18 ICMP echoes/s), in its
 * own JVM inside the lab's agent namespace, against an idle JVM with the same flags and class path (the baseline).
 * CPU is read from /proc/PID/stat (utime + stime) over the measurement window after a warm-up.
 */
@Tag("bench")
class CostBench {
    private static final int SECONDS = Integer.getInteger("vigil.bench.costSeconds", 60);
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx32m", "-Xss512k");

    @TempDir
    Path dir;

    record Sample(long ticks, long rssKb) {}

    @Test
    void threeWansThreeTargets_twoProbesPerSecond_costVsIdleJvm() throws Exception {
        try (SiteLab lab =
                SiteLab.builder().wans(3).advertInterval(Duration.ofMillis(300)).start()) {
            Path config = dir.resolve("agent.yaml");
            StringBuilder yaml = new StringBuilder("wans:\n");
            lab.wans()
                    .forEach(w -> yaml.append("  - {name: ")
                            .append(w.name())
                            .append(", targets: [")
                            .append(String.join(
                                    ", ",
                                    w.targets().stream()
                                            .map(a -> a.getHostAddress())
                                            .toList()))
                            .append("]}\n"));
            Files.writeString(config, yaml, UTF_8);
            Path probeLog = dir.resolve("probe.log");
            Process probe = lab.spawn(
                    Host.AGENT,
                    command("dev.vigil.agent.cli.AgentMain", "probe", "--config", config.toString()),
                    probeLog);
            Process idle = lab.spawn(Host.AGENT, command(IdleMain.class.getName()), dir.resolve("idle.log"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(probeLog, UTF_8)
                                    .lines()
                                    .filter(l -> l.matches(".*wan\\s+wan\\d\\s+up .*"))
                                    .count()
                            >= 3);
            window(Duration.ofSeconds(10)); // warm-up: JIT settles
            Sample probe0 = sample(probe.pid());
            Sample idle0 = sample(idle.pid());
            window(Duration.ofSeconds(SECONDS));
            Sample probe1 = sample(probe.pid());
            Sample idle1 = sample(idle.pid());
            assertThat(probe.isAlive()).as(Files.readString(probeLog, UTF_8)).isTrue();
            double probeCpu = cpuPct(probe0, probe1);
            double idleCpu = cpuPct(idle0, idle1);
            System.out.printf(
                    Locale.ROOT,
                    "%ncost of probing 3 WANs × 3 targets at 2 probes/s, %d s, JVM flags %s%n",
                    SECONDS,
                    String.join(" ", JVM_FLAGS));
            System.out.printf(Locale.ROOT, "%-32s %14s %10s%n", "process", "CPU (% of core)", "RSS (MB)");
            System.out.printf(
                    Locale.ROOT, "%-32s %14.2f %10.1f%n", "vigil-agent probe", probeCpu, probe1.rssKb() / 1024.0);
            System.out.printf(
                    Locale.ROOT, "%-32s %14.2f %10.1f%n", "idle JVM (baseline)", idleCpu, idle1.rssKb() / 1024.0);
            System.out.printf(
                    Locale.ROOT,
                    "%-32s %14.2f %10.1f%n",
                    "difference",
                    probeCpu - idleCpu,
                    (probe1.rssKb() - idle1.rssKb()) / 1024.0);
            System.out.printf(
                    Locale.ROOT,
                    "%-32s %13.1f× %9.2f×%n",
                    "ratio probe / idle",
                    probeCpu / Math.max(idleCpu, 0.01),
                    probe1.rssKb() / (double) idle1.rssKb());
            probe.destroy();
            idle.destroy();
            assertThat(probeCpu).isLessThan(5.0);
        }
    }

    private static List<String> command(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static Sample sample(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), UTF_8);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status"), UTF_8).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst()
                .orElse(0);
        return new Sample(ticks, rss);
    }

    private static double cpuPct(Sample from, Sample to) {
        return (to.ticks() - from.ticks()) / 100.0 / SECONDS * 100; // USER_HZ is 100 on Linux
    }

    /** A measurement window: time passing is the point, nothing is awaited. */
    private static void window(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());
    }
}
