package dev.vigil.collector.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector as a process of its own ({@code CollectorMain} on this class path, loopback, ports 0), so that a test
 * can SIGKILL it: nothing in the test's JVM gets a chance to flush. {@link #start()} returns once it listens.
 */
public final class CollectorProcess implements AutoCloseable {
    private static final Pattern RUNNING =
            Pattern.compile("vigil-collector running: MQTT (?:port (\\d+).*?|via \\S+), HTTP port (\\d+)");
    private static final long START_TIMEOUT_S = 90;

    private final Path dataDir;
    private final List<String> args;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;
    private int mqttPort = -1;
    private int httpPort = -1;
    private ApiClient admin;

    /** A collector on {@code dataDir} with more CLI options (e.g. {@code --db-url}, {@code --broker}). */
    public CollectorProcess(Path dataDir, String... args) {
        this.dataDir = dataDir;
        this.args = List.of(args);
    }

    /**
     * One of several collectors sharing a broker and a PostgreSQL database (docs/collector.md), with {@code id} as its
     * broker client id and {@code more} CLI options.
     */
    public static CollectorProcess clusterMember(
            Path dataDir, String brokerUrl, String dbUrl, String id, String... more) {
        List<String> args = new ArrayList<>(
                List.of("--broker", brokerUrl, "--broker-client-id", id, "--db-url", dbUrl, "--db-user", "vigil"));
        args.addAll(List.of(more));
        return new CollectorProcess(dataDir, args.toArray(String[]::new));
    }

    /** How many of the site partitions this collector owns now, from {@code GET /api/cluster}. */
    public int ownedPartitions() {
        ApiClient.Reply r = admin().get("/api/cluster");
        if (r.status() != 200) {
            throw new IllegalStateException("GET /api/cluster answered " + r.status() + ": " + r.body());
        }
        return r.json().path("owned").size();
    }

    /** Starts (or starts again on the same data) and waits until it listens. */
    public CollectorProcess start() {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigil.collector.cli.CollectorMain",
                "--mqtt-host",
                "127.0.0.1",
                "--mqtt-port",
                "0",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                "0",
                "--data-dir",
                dataDir.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIGIL_ADMIN_PASSWORD", RunningCollector.ADMIN_PASSWORD);
        output.clear();
        admin = null;
        CompletableFuture<Matcher> running = new CompletableFuture<>();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            output.add(line);
                            Matcher m = RUNNING.matcher(line);
                            if (m.find()) {
                                running.complete(m);
                            }
                        }
                    } catch (IOException e) {
                        // the process is gone
                    }
                    running.completeExceptionally(new IllegalStateException("collector exited"));
                },
                "collector-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher m = running.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            mqttPort = m.group(1) == null ? -1 : Integer.parseInt(m.group(1));
            httpPort = Integer.parseInt(m.group(2));
            return this;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("collector did not start: " + String.join("\n", output), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitGone();
    }

    /** SIGTERM (an orderly stop), and waits until the process is gone. */
    public void stop() {
        process.destroy();
        waitGone();
    }

    private void waitGone() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("collector did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The process id (for its CPU time in /proc). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** What it printed and logged so far, for failure messages. */
    public String output() {
        return String.join("\n", output);
    }

    /** A logged-in admin (one login per start: a login costs a PBKDF2 hash). */
    public synchronized ApiClient admin() {
        if (admin == null) {
            admin = new ApiClient(httpPort).login("admin", RunningCollector.ADMIN_PASSWORD);
        }
        return admin;
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
