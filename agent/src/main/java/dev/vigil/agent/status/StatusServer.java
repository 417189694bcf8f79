package dev.vigil.agent.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.threads.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code GET /healthz} and {@code GET /metrics} (Prometheus) on a local address, with the JDK's HTTP server. */
@SuppressForbidden(reason = "com.sun.net.httpserver is the JDK's exported HTTP server API (module jdk.httpserver)")
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    private StatusServer(HttpServer server) {
        this.server = server;
    }

    /** Listens (failing when the address is taken) and serves on one daemon thread. */
    public static StatusServer start(InetSocketAddress listen, MetricsRegistry metrics, Supplier<Health> health)
            throws IOException {
        HttpServer server = HttpServer.create(listen, 16);
        server.createContext("/metrics", ex -> handleMetrics(ex, metrics));
        server.createContext("/healthz", ex -> handleHealth(ex, health));
        server.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("vigil-status-http")));
        server.start();
        return new StatusServer(server);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handleMetrics(HttpExchange ex, MetricsRegistry metrics) throws IOException {
        if (!allowed(ex, "/metrics")) {
            return;
        }
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    private static void handleHealth(HttpExchange ex, Supplier<Health> health) throws IOException {
        if (!allowed(ex, "/healthz")) {
            return;
        }
        Health h = health.get();
        send(ex, h.healthy() ? 200 : 503, "application/json", h.toJson());
    }

    private static boolean allowed(HttpExchange ex, String path) throws IOException {
        if (!ex.getRequestURI().getPath().equals(path)) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n");
            return false;
        }
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Allow", "GET, HEAD");
            send(ex, 405, "text/plain; charset=utf-8", "only GET\n");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
