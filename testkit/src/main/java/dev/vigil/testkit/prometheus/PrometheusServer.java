package dev.vigil.testkit.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus on a free loopback port with a temporary config and data directory, scraping one target every
 * second. {@link #close()} stops it and deletes the directory, also when the test failed.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final Process process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts Prometheus scraping {@code http://127.0.0.1:{targetPort}/metrics} as job {@code job}. */
    public static PrometheusServer scraping(String job, int targetPort) {
        Path binary = Prerequisites.requireCommand("prometheus", "prometheus");
        try {
            Path dir = Files.createTempDirectory("vigil-prometheus-");
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "global:",
                            "  scrape_interval: 1s",
                            "  evaluation_interval: 1s",
                            "scrape_configs:",
                            "  - job_name: " + job,
                            "    static_configs:",
                            "      - targets: ['127.0.0.1:" + targetPort + "']",
                            ""),
                    StandardCharsets.UTF_8);
            int port = FreePorts.next();
            Process p = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            return new PrometheusServer(dir, port, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus", e);
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** What Prometheus logged so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The {@code data.result} array of an instant query; an empty array while Prometheus is not ready. */
    public JsonNode query(String promql) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return JSON.createArrayNode();
            }
            return JSON.readTree(r.body()).path("data").path("result");
        } catch (IOException e) {
            return JSON.createArrayNode(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while querying prometheus", e);
        }
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
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // only clutter in the temporary directory
        }
    }
}
