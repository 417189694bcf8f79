package dev.vigil.agent.bench;

import static org.awaitility.Awaitility.await;

import dev.vigil.agent.testing.AgentProcess;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.IdleMain;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.agent.testing.ProcStat;
import dev.vigil.agent.testing.RecommendedJvmFlags;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code run} process with the recommended JVM flags: start-up to the first event at the broker, then RSS
 * and CPU over a window (default 60 s; {@code -Dvigil.bench.seconds=600} for the 10 minutes), against an
 * idle JVM with the same flags as the baseline.
 */
@Tag("bench")
class RunBench {
    static final List<String> RECOMMENDED_FLAGS = RecommendedJvmFlags.unlessOverriddenBy("vigil.bench.flags");
    private static final String SITE = "bench-run";

    @TempDir
    Path dir;

    @Test
    void run_recommendedFlags_startupRssAndCpu() throws Exception {
        Duration window = Duration.ofSeconds(Long.getLong("vigil.bench.seconds", 60));
        Topics topics = Topics.defaults();
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), topics.allSites())) {
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, RunBenchConfig.yaml(SITE, broker.url(), dir), StandardCharsets.UTF_8);
            long spawned = System.nanoTime();
            double[] agent;
            double startupMs;
            Path jar = Path.of("target", "vigil-agent.jar");
            boolean useJar = Files.isRegularFile(jar);
            System.out.println(
                    useJar
                            ? "agent: " + jar.toAbsolutePath() + " (shaded jar)"
                            : "agent: test class path (run 'mvn -pl agent -am package -DskipTests' first to measure the jar)");
            String[] args = {"run", "--config", config.toString()};
            try (AgentProcess process = useJar
                    ? AgentProcess.jar(RECOMMENDED_FLAGS, jar, dir.resolve("agent.log"), args)
                    : AgentProcess.cliWithJvmFlags(RECOMMENDED_FLAGS, dir.resolve("agent.log"), args)) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> !recorder.on(topics.events(SITE)).isEmpty());
                startupMs = (System.nanoTime() - spawned) / 1e6;
                agent = measure(process.pid(), window);
                if (!process.isAlive()) {
                    throw new AssertionError("agent died:\n" + process.output());
                }
            }
            double[] idle;
            try (AgentProcess process = AgentProcess.main(RECOMMENDED_FLAGS, IdleMain.class, dir.resolve("idle.log"))) {
                process.awaitOutput("READY", Duration.ofSeconds(30));
                idle = measure(process.pid(), window);
            }
            System.out.println("JVM flags: " + String.join(" ", RECOMMENDED_FLAGS));
            System.out.println("config: " + RunBenchConfig.describe());
            table(agent, idle, startupMs, window);
            System.out.println("events at broker: "
                    + recorder.on(topics.events(SITE)).size() + ", metrics messages: "
                    + recorder.on(topics.metrics(SITE)).size());
        }
    }

    static void table(double[] agent, double[] idle, double startupMs, Duration window) {
        System.out.printf(
                Locale.ROOT,
                "%-22s %12s %18s %14s %14s%n",
                "process",
                "RSS MB (max)",
                "private MB (max)",
                "CPU % of core",
                "start-up ms");
        System.out.printf(
                Locale.ROOT,
                "%-22s %12.1f %18.1f %14.2f %14.0f%n",
                "vigil-agent run",
                agent[0],
                agent[2],
                agent[1],
                startupMs);
        System.out.printf(
                Locale.ROOT,
                "%-22s %12.1f %18.1f %14.2f %14s%n",
                "idle JVM (baseline)",
                idle[0],
                idle[2],
                idle[1],
                "-");
        System.out.printf(
                Locale.ROOT, "%-22s %12.2f %18.2f%n", "ratio agent / idle", agent[0] / idle[0], agent[2] / idle[2]);
        System.out.println("measured over " + window.toSeconds() + " s");
    }

    /** Max RSS (MB) and max private dirty memory (MB) sampled every second, CPU % of one core over the window. */
    static double[] measure(long pid, Duration window) throws Exception {
        double cpuStart = ProcStat.cpuSeconds(pid);
        long start = System.nanoTime();
        long[] maxRss = {ProcStat.rssKb(pid), ProcStat.privateDirtyKb(pid)};
        await().atMost(window.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    maxRss[0] = Math.max(maxRss[0], ProcStat.rssKb(pid));
                    maxRss[1] = Math.max(maxRss[1], ProcStat.privateDirtyKb(pid));
                    return System.nanoTime() - start >= window.toNanos();
                });
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (ProcStat.cpuSeconds(pid) - cpuStart) / elapsed * 100;
        return new double[] {maxRss[0] / 1024.0, cpu, maxRss[1] / 1024.0};
    }
}
