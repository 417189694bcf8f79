package dev.vigil.testkit.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One router's keepalived, run with {@code ip netns exec} in the router's namespace with its own pid files. Its
 * notify FIFO is read in order and the state of each VRRP instance is written to a file on every transition.
 */
final class KeepalivedRouter {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Router router;
    private final LabConfig config;
    private final String namespace;
    private final KeepalivedFiles files;
    private final Shell shell;
    private final NotifyFifoReader notifications;
    private int priority;
    private Process process;

    KeepalivedRouter(Router router, LabConfig config, String namespace, Path dir, Shell shell) {
        this.router = router;
        this.config = config;
        this.namespace = namespace;
        this.files = new KeepalivedFiles(dir);
        this.shell = shell;
        this.priority = config.priority(router);
        writeConfig();
        this.notifications = new NotifyFifoReader(files, router.name());
    }

    KeepalivedFiles files() {
        return files;
    }

    synchronized int priority() {
        return priority;
    }

    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    String state(String instance) {
        return files.state(instance);
    }

    synchronized void start() {
        if (running()) {
            return;
        }
        files.clearRunFiles();
        List<String> argv = List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                "keepalived",
                "-n",
                "-l",
                "-D",
                "-f",
                files.config().toString(),
                "-p",
                files.pidFile().toString(),
                "-r",
                files.vrrpPidFile().toString(),
                "-c",
                files.checkersPidFile().toString());
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start keepalived for router " + router + ": " + e.getMessage(), e);
        }
        Process started = process;
        boolean up = Poll.until(() -> !started.isAlive() || files.vrrpChildPid().isPresent(), START_TIMEOUT);
        if (!up || !started.isAlive()) {
            crash();
            throw new LabException(
                    "keepalived of router " + router + " did not start; last log lines:\n" + files.logTail());
        }
    }

    /** SIGTERM: keepalived sends priority 0 adverts and notifies STOP. */
    synchronized void stop() {
        if (!running()) {
            return;
        }
        process.destroy();
        if (!waitForExit(process, STOP_TIMEOUT)) {
            crash();
        }
        process = null;
    }

    /**
     * SIGKILL to every keepalived process of this router. They are SIGSTOPped first: keepalived's VRRP child gets
     * SIGTERM when its parent dies and would still send priority 0. The VIPs are removed as if the box lost power.
     */
    synchronized void crash() {
        if (process == null) {
            return;
        }
        Set<Long> pids = new LinkedHashSet<>();
        files.vrrpChildPid().ifPresent(pids::add);
        process.descendants().forEach(p -> pids.add(p.pid()));
        pids.add(process.pid());
        pids.forEach(pid -> LibC.signal(pid, LibC.SIGSTOP));
        pids.forEach(pid -> LibC.signal(pid, LibC.SIGKILL));
        waitForExit(process, STOP_TIMEOUT);
        process = null;
        removeVirtualAddresses();
    }

    /** Rewrites keepalived.conf with the new priority and reloads a running keepalived (SIGHUP). */
    synchronized void setPriority(int newPriority) {
        if (newPriority < 1 || newPriority > 254) {
            throw new IllegalArgumentException("priority " + newPriority + ": must be 1..254");
        }
        priority = newPriority;
        writeConfig();
        if (running()) {
            LibC.signal(process.pid(), LibC.SIGHUP);
        }
    }

    /** Stops reading notifications; call after keepalived is gone. */
    void closeNotifications() {
        notifications.stop();
    }

    String logTail() {
        return files.logTail();
    }

    private void writeConfig() {
        files.writeConfig(KeepalivedConfig.render(config, router, priority, files.notifyFifo()));
    }

    private void removeVirtualAddresses() {
        List<String> addresses = new ArrayList<>(List.of(LabPlan.VIP.getHostAddress() + "/24"));
        if (config.ipv6()) {
            addresses.add(LabPlan.VIP6.getHostAddress() + "/64");
            addresses.add(LabPlan.VIP6_LINK_LOCAL + "/64");
        }
        for (String address : addresses) {
            // absent when the router was BACKUP: the failure is expected and harmless
            shell.run(List.of("ip", "-n", namespace, "addr", "del", address, "dev", LabPlan.LAN_INTERFACE));
        }
    }

    private static boolean waitForExit(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
