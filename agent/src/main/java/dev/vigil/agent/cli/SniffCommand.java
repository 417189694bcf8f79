package dev.vigil.agent.cli;

import dev.vigil.agent.threads.DaemonThreads;
import dev.vigil.agent.vrrp.capture.CaptureException;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.print.CaptureSession;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sniff",
        mixinStandardHelpOptions = true,
        description = "Live VRRP view of an interface, decoded and judged. Needs root or CAP_NET_RAW.")
final class SniffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-i", "--interface"},
            required = true,
            paramLabel = "IF",
            description = "interface to capture on")
    String iface;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = "--adverts", description = "also print every decoded advert and every rejected packet")
    boolean adverts;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            description = "stop after this long (ISO-8601 like PT10M, or 90s)")
    String runFor;

    @Override
    public Integer call() {
        PacketSource source;
        try {
            source = PacketSource.live(iface, Clock.systemUTC());
        } catch (CaptureException e) {
            spec.commandLine().getErr().println("vigil-agent: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(source::close, "sniff-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService stopper =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sniff-timer"));
        try {
            if (runFor != null) {
                stopper.schedule(source::close, parse(runFor).toMillis(), TimeUnit.MILLISECONDS);
            }
            return CaptureSession.run(
                    source,
                    iface,
                    json,
                    adverts,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } finally {
            stopper.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
    }

    private static Duration parse(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } else if (t.endsWith("s") && !t.startsWith("P")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("m") && !t.startsWith("P")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.parse(t);
    }
}
