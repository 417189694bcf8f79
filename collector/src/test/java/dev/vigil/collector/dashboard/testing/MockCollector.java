package dev.vigil.collector.dashboard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the collector's HTTP side, for developing the dashboard and for the render benchmark: serves the
 * dashboard from the classpath and canned JSON for docs/api.md, and pushes SSE messages on demand. Behaviour is
 * kept to what the page needs; the browser tests run against the real collector.
 */
public final class MockCollector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final MockData data;

    public MockCollector(MockData data) {
        this.data = data;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Sends one SSE message (site, event or alert) to every open stream. */
    public void push(String name, Object payload) {
        byte[] frame;
        try {
            frame = ("event: " + name + "\ndata: " + JSON.writeValueAsString(payload) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (OutputStream out : streams) {
            try {
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                streams.remove(out);
            }
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith("/api/")) {
                serveStatic(ex, path.equals("/") ? "index.html" : path.substring(1));
                return;
            }
            if (path.equals("/api/login") && ex.getRequestMethod().equals("POST")) {
                login(ex);
                return;
            }
            String user = user(ex);
            if (user == null) {
                send(ex, 401, Map.of("error", "not logged in"));
                return;
            }
            if (path.equals("/api/stream")) {
                stream(ex);
                return;
            }
            if (path.equals("/api/logout")) {
                sessions.values().remove(user);
                ex.sendResponseHeaders(204, -1);
                return;
            }
            MockData.Reply reply = data.answer(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), user);
            send(ex, reply.status(), reply.body());
        }
    }

    private void login(HttpExchange ex) throws IOException {
        Map<?, ?> body = JSON.readValue(ex.getRequestBody(), Map.class);
        String role = data.role(String.valueOf(body.get("username")), String.valueOf(body.get("password")));
        if (role == null) {
            send(ex, 401, Map.of("error", "wrong username or password"));
            return;
        }
        String token = UUID.randomUUID().toString();
        sessions.put(token, String.valueOf(body.get("username")));
        ex.getResponseHeaders().add("Set-Cookie", "vigil_session=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        send(ex, 200, Map.of("username", body.get("username"), "role", role));
    }

    private String user(HttpExchange ex) {
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        if (cookie == null) {
            return null;
        }
        for (String part : cookie.split(";\\s*")) {
            if (part.startsWith("vigil_session=")) {
                return sessions.get(part.substring("vigil_session=".length()));
            }
        }
        return null;
    }

    private void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(": hello\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        streams.add(out);
        synchronized (out) {
            try {
                out.wait(); // held open until close() notifies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void serveStatic(HttpExchange ex, String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("vigil-dashboard/" + name)) {
            if (in == null || name.contains("..")) {
                send(ex, 404, Map.of("error", "no such file"));
                return;
            }
            byte[] bytes = in.readAllBytes();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().add("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        for (OutputStream out : streams) {
            synchronized (out) {
                out.notifyAll();
            }
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
