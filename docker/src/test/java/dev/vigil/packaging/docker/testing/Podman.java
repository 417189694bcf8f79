package dev.vigil.packaging.docker.testing;

import dev.vigil.testkit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman as the docs tell users to run it: as root, with {@code CONTAINERS_CONF=docker/podman/containers.conf}
 * (runc, cgroupfs, no default ulimits). Every call has a deadline and hands back the exit code and merged output.
 */
public final class Podman {
    /** A container start, a run of a short command, an exec. */
    public static final Duration SHORT = Duration.ofMinutes(2);

    /** An image build that runs apt-get inside (about 40 s on an idle 2-core machine, several times that when busy). */
    public static final Duration BUILD = Duration.ofMinutes(10);

    private Podman() {}

    /** What a finished podman call left behind. */
    public record Result(List<String> argv, int exitCode, String output) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", argv) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Fails loudly unless root and the Debian packages podman needs here are present (installs them as root). */
    public static void requireReady() {
        Prerequisites.requireRoot("podman (images, containers, network namespaces)");
        Prerequisites.requireCommand("podman", "podman");
        Prerequisites.requireCommand("runc", "runc");
        Prerequisites.requireCommand("debootstrap", "debootstrap");
        // podman 4.3 networks through CNI: the bridge and port plugins, and dnsname for compose's service names
        Prerequisites.requirePackage("containernetworking-plugins");
        Prerequisites.requirePackage("golang-github-containernetworking-plugin-dnsname");
        Prerequisites.requireCommand("iptables", "iptables");
        Prerequisites.requireCommand("openssl", "openssl");
    }

    /** The containers.conf the docs use; tests and users share it. */
    public static Path containersConf() {
        return DockerDir.path("podman/containers.conf").toAbsolutePath().normalize();
    }

    public static Map<String, String> environment() {
        return Map.of("CONTAINERS_CONF", containersConf().toString());
    }

    public static Result run(String... args) {
        return run(SHORT, List.of(args));
    }

    public static Result run(Duration timeout, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("podman");
        argv.addAll(args);
        return exec(argv, timeout);
    }

    /** Runs any command (a script) with the podman environment. */
    public static Result exec(List<String> argv, Duration timeout) {
        return exec(argv, Map.of(), timeout);
    }

    /** Runs any command (docker-compose) with the podman environment plus {@code env}. */
    public static Result exec(List<String> argv, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("vigil-podman-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(argv)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(environment());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", argv) + " did not finish in " + timeout + ":\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv, e);
        }
    }
}
