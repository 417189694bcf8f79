package dev.vigil.agent.bench;

import static org.awaitility.Awaitility.await;

import dev.vigil.agent.testing.IdleMain;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.RouterOsSimulators;
import dev.vigil.testkit.lab.SiteLab;
import dev.vigil.testkit.lab.WanInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code run} in the site lab, as the issue asks: the agent (shaded jar, recommended flags) in the agent's
 * namespace sniffing VRRP of the keepalived pair on lan0 and probing 3 WANs × 3 targets with ICMP at 2 Hz, publishing
 * to a mosquitto in the same namespace. Start-up to the first event at the broker, RSS and CPU over the window
 * (default 60 s, {@code -Dvigil.bench.seconds=600} for 10 minutes) against an idle JVM with the same flags.
 */
@Tag("bench")
class RunLabBench {
    /** glibc malloc arenas ({@code -Dvigil.bench.arenas}); set it for the service in /etc/default/vigil-agent. */
    static final String MALLOC_ARENAS = System.getProperty("vigil.bench.arenas", "1");
    /**
     * RouterOS simulators polled by the agent ({@code -Dvigil.bench.routers}): 0 leaves the routers out, 2 (the
     * issue's site) runs one simulator in each lab router's namespace, polled at the default interval.
     */
    static final int ROUTERS = Integer.getInteger("vigil.bench.routers", 0);

    @TempDir
    Path dir;

    @Test
    void run_inSiteLab_startupRssAndCpu() throws Exception {
        Prerequisites.requireRoot("the site lab");
        Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        Path jar = Path.of("target", "vigil-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("build the jar first: mvn -B -pl agent -am package -DskipTests");
        }
        Duration window = Duration.ofSeconds(Long.getLong("vigil.bench.seconds", 60));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (SiteLab lab = SiteLab.builder().wans(3).targetsPerWan(3).start()) {
            int port = FreePorts.next();
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n", StandardCharsets.UTF_8);
            lab.spawn(Host.AGENT, List.of("mosquitto", "-c", conf.toString()), dir.resolve("mosquitto.log"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            lab.exec(Host.AGENT, "mosquitto_pub", "-p", Integer.toString(port), "-t", "x", "-m", "1")
                                            .exitCode()
                                    == 0);
            Path events = dir.resolve("events.txt");
            lab.spawn(
                    Host.AGENT,
                    List.of(
                            "mosquitto_sub",
                            "-p",
                            Integer.toString(port),
                            "-v",
                            "-t",
                            "vigil/v1/sites/+/events",
                            "-t",
                            "vigil/v1/sites/+/metrics"),
                    events);
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, yaml(lab, port) + routers(lab), StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of("env", "MALLOC_ARENA_MAX=" + MALLOC_ARENAS, java));
            argv.addAll(RunBench.RECOMMENDED_FLAGS);
            argv.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
            long spawned = System.nanoTime();
            Process agent = lab.spawn(Host.AGENT, argv, dir.resolve("agent.log"));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> Files.exists(events)
                            && Files.readString(events, StandardCharsets.UTF_8).contains("/events "));
            double startupMs = (System.nanoTime() - spawned) / 1e6;
            double[] measured = RunBench.measure(agent.pid(), window);
            if (!agent.isAlive()) {
                throw new AssertionError("agent died: " + Files.readString(dir.resolve("agent.log")));
            }
            String published = Files.readString(events, StandardCharsets.UTF_8);
            agent.destroy();
            List<String> idleArgv = new ArrayList<>(List.of("env", "MALLOC_ARENA_MAX=" + MALLOC_ARENAS, java));
            idleArgv.addAll(RunBench.RECOMMENDED_FLAGS);
            idleArgv.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleMain.class.getName()));
            Process idle = lab.spawn(Host.AGENT, idleArgv, dir.resolve("idle.log"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(dir.resolve("idle.log"), StandardCharsets.UTF_8)
                            .contains("READY"));
            double[] baseline = RunBench.measure(idle.pid(), baselineWindow(window));
            idle.destroy();

            System.out.println(
                    "site lab: keepalived pair on lan0 (VRRPv3, 1 s adverts), 3 WANs x 3 targets, ICMP at 2 Hz");
            System.out.println("RouterOS simulators polled: " + ROUTERS);
            System.out.println("JVM flags: " + String.join(" ", RunBench.RECOMMENDED_FLAGS) + "; MALLOC_ARENA_MAX="
                    + MALLOC_ARENAS);
            RunBench.table(measured, baseline, startupMs, window);
            System.out.println(
                    "idle JVM measured over " + baselineWindow(window).toSeconds() + " s");
            System.out.println("messages at the broker: "
                    + published.lines().filter(l -> l.contains("/events ")).count() + " events, "
                    + published.lines().filter(l -> l.contains("/metrics ")).count() + " metrics");
        }
    }

    /** The idle JVM's window: the agent's unless {@code -Dvigil.bench.baseline.seconds} shortens it (it is flat). */
    private static Duration baselineWindow(Duration window) {
        return Duration.ofSeconds(Long.getLong("vigil.bench.baseline.seconds", window.toSeconds()));
    }

    private String routers(SiteLab lab) throws IOException {
        if (ROUTERS == 0) {
            return "";
        }
        Path secret = Files.writeString(dir.resolve("router.secret"), "vigil\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        StringBuilder out = new StringBuilder("routers:\n");
        for (Router router : List.of(Router.A, Router.B).subList(0, ROUTERS)) {
            int api = RouterOsSimulators.start(lab, router, dir);
            out.append(String.format(
                    Locale.ROOT,
                    "  - {name: router-%s, host: %s, port: %d, username: vigil, password_file: %s}\n",
                    router.name().toLowerCase(Locale.ROOT),
                    lab.address(router.host()).getHostAddress(),
                    api,
                    secret));
        }
        return out.toString();
    }

    private static String yaml(SiteLab lab, int port) {
        StringBuilder wans = new StringBuilder();
        for (WanInfo wan : lab.wans()) {
            wans.append("  - name: ")
                    .append(wan.name())
                    .append('\n')
                    .append("    method: icmp\n")
                    .append("    interval: 500ms\n")
                    .append("    targets: [")
                    .append(wan.targets().stream()
                            .map(InetAddress::getHostAddress)
                            .collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        return String.format(
                Locale.ROOT,
                "site: lab-site\nvrrp: {interfaces: [%s]}\nwans:\n%smqtt: {url: 'tcp://127.0.0.1:%d', metrics_interval: 10s}\n"
                        + "outbox: {dir: '%s'}\nhttp: {listen: '127.0.0.1:0'}\n",
                lab.lanInterface(Host.AGENT),
                wans,
                port,
                lab.directory().resolve("agent-outbox"));
    }
}
