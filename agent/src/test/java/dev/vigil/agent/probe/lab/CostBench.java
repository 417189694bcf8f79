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
    /** Two flag sets: a small heap with the serial collector, and the same with C1 only and a small code cache. */
    private static final List<List<String>> FLAG_SETS = List.of(
            List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx32m", "-Xss512k"),
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xms8m",
                    "-Xmx24m",
                    "-Xss256k",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:ReservedCodeCacheSize=16m",
                    "-XX:-UsePerfData"));

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
            List<Process> probes = new ArrayList<>();
            List<Process> idles = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < FLAG_SETS.size(); i++) {
                Path log = dir.resolve("probe-" + i + ".log");
                logs.add(log);
                probes.add(lab.spawn(
                        Host.AGENT,
                        command(
                                FLAG_SETS.get(i),
                                "dev.vigil.agent.cli.AgentMain",
                                "probe",
                                "--config",
                                config.toString()),
                        log));
                idles.add(lab.spawn(
                        Host.AGENT,
                        command(FLAG_SETS.get(i), IdleMain.class.getName()),
                        dir.resolve("idle-" + i + ".log")));
            }
            for (Path log : logs) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(log, UTF_8)
                                        .lines()
                                        .filter(l -> l.matches(".*wan\\s+wan\\d\\s+up .*"))
                                        .count()
                                >= 3);
            }
            window(Duration.ofSeconds(10)); // warm-up: JIT settles
            List<Sample> before = new ArrayList<>();
            for (int i = 0; i < FLAG_SETS.size(); i++) {
                before.add(sample(probes.get(i).pid()));
                before.add(sample(idles.get(i).pid()));
            }
            window(Duration.ofSeconds(SECONDS));
            double probeCpu = Double.MAX_VALUE;
            System.out.printf(
                    Locale.ROOT, "%ncost of probing 3 WANs × 3 targets at 2 probes/s (18 echoes/s), %d s%n", SECONDS);
            System.out.printf(
                    Locale.ROOT, "%-22s %-16s %14s %10s%n", "JVM flags", "process", "CPU (% of core)", "RSS (MB)");
            for (int i = 0; i < FLAG_SETS.size(); i++) {
                assertThat(probes.get(i).isAlive())
                        .as(Files.readString(logs.get(i), UTF_8))
                        .isTrue();
                Sample probe1 = sample(probes.get(i).pid());
                Sample idle1 = sample(idles.get(i).pid());
                double cpu = cpuPct(before.get(2 * i), probe1);
                double idleCpu = cpuPct(before.get(2 * i + 1), idle1);
                probeCpu = Math.min(probeCpu, cpu);
                String flags = i == 0 ? "serial, Xmx32m" : "serial, Xmx24m, C1 only";
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %-16s %14.2f %10.1f%n",
                        flags,
                        "vigil-agent probe",
                        cpu,
                        probe1.rssKb() / 1024.0);
                System.out.printf(
                        Locale.ROOT, "%-22s %-16s %14.2f %10.1f%n", "", "idle JVM", idleCpu, idle1.rssKb() / 1024.0);
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %-16s %13.1f× %9.2f×%n",
                        "",
                        "ratio",
                        cpu / Math.max(idleCpu, 0.01),
                        probe1.rssKb() / (double) idle1.rssKb());
            }
            System.out.println("flag sets: " + FLAG_SETS);
            probes.forEach(Process::destroy);
            idles.forEach(Process::destroy);
            assertThat(probeCpu).isLessThan(5.0);
        }
    }

    private static List<String> command(List<String> flags, String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(flags);
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
