package dev.vigil.testkit.lab;

import dev.vigil.testkit.routeros.RouterOsSimMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the RouterOS simulator inside a lab router's namespace in keepalived mode (its {@code /interface/vrrp}
 * follows that router's real keepalived, and {@code set priority=} reloads it), on the router's LAN address.
 */
public final class RouterOsSimulators {
    private static final Pattern READY = Pattern.compile("READY api=(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private RouterOsSimulators() {}

    /** A running simulator: its API port, and its process (destroy it to make the router's API disappear). */
    public record Started(int port, Process process) {}

    /**
     * Spawns the simulator with this JVM's java and class path; it is killed when the lab closes.
     *
     * @param dir where its log and its TLS certificate go
     * @return the binary API port it listens on
     */
    public static int start(SiteLab lab, Router router, Path dir) {
        return launch(lab, router, dir).port();
    }

    /** As {@link #start}, keeping the process. */
    public static Started launch(SiteLab lab, Router router, Path dir) {
        Path log = dir.resolve("sim-" + router + ".log");
        Path conf = lab.keepalivedConfig(router);
        try {
            Files.writeString(log, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log, e);
        }
        Process process = lab.spawn(
                router.host(),
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RouterOsSimMain.class.getName(),
                        "--bind",
                        lab.address(router.host()).getHostAddress(),
                        "--port",
                        "0",
                        "--keepalived-conf",
                        conf.toString(),
                        "--keepalived-pidfile",
                        conf.resolveSibling("keepalived.pid").toString(),
                        "--vrrp-state-file",
                        lab.vrrpStateFile(router).toString(),
                        "--master",
                        "--cert-dir",
                        dir.toString()),
                log);
        AtomicInteger port = new AtomicInteger(-1);
        if (!Poll.until(() -> port.updateAndGet(p -> p > 0 ? p : readyPort(log)) > 0, START_TIMEOUT)) {
            throw new LabException("RouterOS simulator for router " + router + " did not report READY within "
                    + START_TIMEOUT.toSeconds() + " s; see " + log);
        }
        return new Started(port.get(), process);
    }

    private static int readyPort(Path log) {
        try {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
