package dev.vigil.packaging.docker.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code podman system service} on a socket of its own, so that Debian's docker-compose (1.29, which speaks the
 * Docker API) drives podman. Stopped by {@link #close()}.
 */
public final class PodmanService implements AutoCloseable {
    private final Process process;
    private final Path socket;

    public PodmanService(Path dir) {
        this.socket = dir.resolve("podman.sock");
        try {
            ProcessBuilder pb = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("podman-service.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(Podman.environment());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start podman system service", e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("podman system service exited " + process.exitValue() + ": see "
                    + dir.resolve("podman-service.log"));
        }
    }

    /** The value of DOCKER_HOST for a Docker API client. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
