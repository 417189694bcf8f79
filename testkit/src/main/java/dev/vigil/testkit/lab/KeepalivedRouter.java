package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One router's keepalived, run with {@code ip netns exec} in the router's namespace with its own pid files. A
 * notify script writes the state of each VRRP instance to a file on every transition.
 */
final class KeepalivedRouter {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Router router;
    private final LabConfig config;
    private final String namespace;
    private final Path dir;
    private final Shell shell;
    private int priority;
    private Process process;

    KeepalivedRouter(Router router, LabConfig config, String namespace, Path dir, Shell shell) {
        this.router = router;
        this.config = config;
        this.namespace = namespace;
        this.dir = dir;
        this.shell = shell;
        this.priority = config.priority(router);
        try {
            Files.createDirectories(dir);
            writeNotifyScript();
            writeConfig();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare keepalived files in " + dir, e);
        }
    }

    Path config() {
        return dir.resolve("keepalived.conf");
    }

    Path log() {
        return dir.resolve("keepalived.log");
    }

    Path stateFile(String instance) {
        return dir.resolve(instance + ".state");
    }

    synchronized int priority() {
        return priority;
    }

    synchronized boolean running() {
        return process != null && process.isAlive();
    }

    synchronized void start() {
        if (running()) {
            return;
        }
        for (String name : List.of("keepalived.pid", "vrrp.pid", "checkers.pid")) {
            deleteQuietly(dir.resolve(name));
        }
        deleteQuietly(stateFile(KeepalivedConfig.INSTANCE_V4));
        deleteQuietly(stateFile(KeepalivedConfig.INSTANCE_V6));
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
                config().toString(),
                "-p",
                dir.resolve("keepalived.pid").toString(),
                "-r",
                dir.resolve("vrrp.pid").toString(),
                "-c",
                dir.resolve("checkers.pid").toString());
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot start keepalived for router " + router + ": " + e.getMessage(), e);
        }
        Process started = process;
        boolean up = Poll.until(() -> !started.isAlive() || vrrpChildPid().isPresent(), START_TIMEOUT);
        if (!up || !started.isAlive()) {
            crash();
            throw new LabException("keepalived of router " + router + " did not start; last log lines:\n" + logTail());
        }
    }

    /** SIGTERM: keepalived sends priority 0 adverts and the notify script writes STOP. */
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
        vrrpChildPid().ifPresent(pids::add);
        process.descendants().forEach(p -> pids.add(p.pid()));
        pids.add(process.pid());
        pids.forEach(pid -> signal(pid, LibC.SIGSTOP));
        pids.forEach(pid -> signal(pid, LibC.SIGKILL));
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
        try {
            writeConfig();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + config(), e);
        }
        if (running()) {
            signal(process.pid(), LibC.SIGHUP);
        }
    }

    String state(String instance) {
        try {
            Path file = stateFile(instance);
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.US_ASCII).strip()
                    : "UNKNOWN";
        } catch (IOException e) {
            return "UNKNOWN";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Optional<Long> vrrpChildPid() {
        try {
            String text = Files.readString(dir.resolve("vrrp.pid"), StandardCharsets.US_ASCII)
                    .strip();
            long pid = Long.parseLong(text);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void removeVirtualAddresses() {
        List<List<String>> deletions = new ArrayList<>();
        deletions.add(List.of(LabPlan.VIP.getHostAddress() + "/24"));
        if (config.ipv6()) {
            deletions.add(List.of(LabPlan.VIP6.getHostAddress() + "/64"));
            deletions.add(List.of(LabPlan.VIP6_LINK_LOCAL + "/64"));
        }
        for (List<String> address : deletions) {
            // absent when the router was BACKUP: nothing to remove, the failure is expected
            shell.run(List.of("ip", "-n", namespace, "addr", "del", address.get(0), "dev", LabPlan.LAN_INTERFACE));
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(
                config(),
                KeepalivedConfig.render(config, router, priority, dir.resolve("notify.sh")),
                StandardCharsets.UTF_8);
    }

    private void writeNotifyScript() throws IOException {
        String script = "#!/bin/sh\n"
                + "# keepalived notify: $1=INSTANCE $2=name $3=state $4=priority\n"
                + "f='" + dir + "'/\"$2\".state\n"
                + "printf '%s\\n' \"$3\" > \"$f.$$\" && mv -f \"$f.$$\" \"$f\"\n"
                + "printf '%s %s %s %s\\n' \"$(date +%H:%M:%S.%N)\" \"$2\" \"$3\" \"$4\" >> '" + dir
                + "/transitions.log'\n";
        Path file = dir.resolve("notify.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private static void signal(long pid, int signal) {
        try {
            LibC.INSTANCE.kill((int) pid, signal);
        } catch (LastErrorException e) {
            // ESRCH: the process is already gone, which is what we wanted
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stale " + file, e);
        }
    }
}
