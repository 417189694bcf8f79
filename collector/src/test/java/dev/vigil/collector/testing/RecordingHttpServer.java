package dev.vigil.collector.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on 127.0.0.1 and a free port that stands in for a push service: records every request whole and
 * answers each with the next scripted reply (200 {@code {"id":"m1"}} when none is left).
 */
public final class RecordingHttpServer implements AutoCloseable {
    /** One request as it arrived; header names lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

    public RecordingHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recording-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        Request r = new Request(
                ex.getRequestMethod(),
                ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(),
                headers,
                body);
        requests.add(r);
        arrivals.add(r);
        Reply reply = script.poll();
        if (reply == null) {
            reply = Reply.of(200, "{\"id\":\"m1\"}");
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    /** Answers the next requests with these replies, in order. */
    public RecordingHttpServer thenReply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next request to arrive, waiting at most 20 s. */
    public Request next() {
        try {
            Request r = arrivals.poll(20, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request arrived within 20 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
