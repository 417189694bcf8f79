package dev.vigil.agent.cli;

import dev.vigil.agent.config.ConfigFile;
import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.probe.ProbeConfig;
import dev.vigil.agent.probe.WanMonitor;
import dev.vigil.agent.probe.WanStatus;
import dev.vigil.agent.probe.live.LiveWanMonitor;
import dev.vigil.agent.probe.view.StatusPrinter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Probes the WANs and health checks of a config and shows their live state, once a second, until Ctrl-C.",
            "ICMP needs ping sockets (net.ipv4.ping_group_range, see /etc/sysctl.d/60-vigil-ping.conf) or CAP_NET_RAW."
        })
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "agent config (YAML)")
    Path config;

    @Option(names = "--wan", paramLabel = "NAME", description = "only this WAN (no health checks)")
    String wan;

    @Option(names = "--json", description = "one JSON line per WAN per second, plus state-change events")
    boolean json;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "stop after this many seconds (default: run until interrupted)")
    Integer seconds;

    @Override
    public Integer call() throws InterruptedException {
        ProbeConfig parsed;
        try {
            parsed = ConfigFile.parse(config, ProbeConfig::parseForThisHost);
        } catch (ConfigInvalidException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (wan != null) {
            if (parsed.wan(wan).isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println("vigil-agent probe: no WAN named '" + wan + "' in " + config + " (it has: "
                                + String.join(
                                        ", ",
                                        parsed.wans().stream()
                                                .map(w -> w.name())
                                                .toList()) + ")");
                return 2;
            }
            parsed = new ProbeConfig(List.of(parsed.wan(wan).orElseThrow()), List.of());
        }
        if (parsed.wans().isEmpty() && parsed.checks().isEmpty()) {
            spec.commandLine().getErr().println("vigil-agent probe: " + config + " has no wans and no checks");
            return 2;
        }
        StatusPrinter printer = new StatusPrinter(spec.commandLine().getOut(), json);
        Clock clock = Clock.systemUTC();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (WanMonitor monitor = LiveWanMonitor.start(parsed, printer::event, clock, null)) {
            long end = seconds == null
                    ? Long.MAX_VALUE
                    : System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (!stop.await(1, TimeUnit.SECONDS)) {
                for (WanStatus s : monitor.status()) {
                    printer.status(s, clock.instant());
                }
                if (seconds != null && System.nanoTime() - end >= 0) {
                    break;
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; nothing to undo
            }
        }
        return 0;
    }
}
