package dev.vigil.testkit.mqtt;

import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian mosquitto on a free loopback port, for tests. Start, stop, kill and restart on the same port; the
 * config and log live in a temporary directory. Extra config lines (TLS listeners, auth) can be added before start.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extraConfig = new ArrayList<>();
    private Process process;

    public MosquittoBroker() {
        this(FreePorts.next());
    }

    public MosquittoBroker(int port) {
        Prerequisites.requireCommand("mosquitto", "mosquitto");
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("vigil-mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds raw mosquitto.conf lines, applied at the next start. */
    public MosquittoBroker withConfig(String... lines) {
        extraConfig.addAll(List.of(lines));
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    public synchronized MosquittoBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> conf = new ArrayList<>();
        conf.add("per_listener_settings false");
        if (Prerequisites.isRoot()) {
            // started as root, mosquitto drops to user 'mosquitto', which cannot write the persistence directory
            conf.add("user root");
        }
        conf.add("allow_anonymous true");
        conf.add("persistence true");
        conf.add("persistence_location " + dir + "/");
        conf.add("autosave_interval 1");
        conf.add("log_dest file " + log());
        conf.add("log_type all");
        conf.add("listener " + port + " 127.0.0.1");
        conf.addAll(extraConfig);
        try {
            Path confFile = dir.resolve("mosquitto.conf");
            Files.write(confFile, conf, StandardCharsets.UTF_8);
            process = new ProcessBuilder("mosquitto", "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        }
        awaitListening(Duration.ofSeconds(10));
        return this;
    }

    /** Graceful stop (SIGTERM); retained messages and sessions are saved. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process);
            process = null;
        }
    }

    /** SIGKILL: nothing is saved beyond the last autosave. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the temporary directory is only clutter
        }
    }

    private void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "mosquitto exited at start: " + readQuietly(dir.resolve("stdout.log")) + readQuietly(log()));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for mosquitto", e);
                }
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within " + timeout);
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
