package dev.vigil.packaging.docker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The containers and volumes one test makes, each with a unique name, all removed by {@link #close()} whether the
 * test passed or not.
 */
public final class Containers implements AutoCloseable {
    private final String prefix = "vigil-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    /** A new named volume. */
    public String volume(String role) {
        String name = prefix + "-" + role;
        Podman.run("volume", "create", name).requireSuccess();
        volumes.add(name);
        return name;
    }

    /** A name for a container this object will remove. */
    public String name(String role) {
        String name = prefix + "-" + role;
        containers.add(name);
        return name;
    }

    /** {@code podman run -d --name NAME ARGS…}: the container's name. */
    public String start(String role, List<String> args) {
        String name = name(role);
        List<String> argv = new ArrayList<>(List.of("run", "-d", "--name", name));
        argv.addAll(args);
        Podman.run(Podman.SHORT, argv).requireSuccess();
        return name;
    }

    /** Runs a container to its end and removes it: exit code and what it printed. */
    public Podman.Result runToEnd(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("run", "--rm"));
        argv.addAll(args);
        return Podman.run(Podman.SHORT, argv);
    }

    /** Waits for a started container to exit; its exit code. */
    public static int awaitExit(String container, Duration timeout) {
        Podman.Result waited = Podman.run(timeout, List.of("wait", container)).requireSuccess();
        return Integer.parseInt(
                waited.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    /** The container's own output (stdout and stderr), without podman's messages. */
    public static String logs(String container) {
        return Podman.run("logs", container).requireSuccess().output();
    }

    @Override
    public void close() {
        for (String name : containers) {
            Podman.run("rm", "-f", "-v", "-t", "5", name); // -v: also the anonymous volumes of VOLUME
        }
        for (String name : volumes) {
            Podman.run("volume", "rm", "-f", name);
        }
    }
}
