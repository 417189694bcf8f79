package dev.vigil.collector.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server (Vert.x) on 127.0.0.1 and a free port that stands in for a push service: records every request whole
 * and answers each with the next scripted reply (200 {@code {"id":"m1"}} when none is left).
 */
public final class RecordingHttpServer implements AutoCloseable {
    /** One request as it arrived; header names lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

    public RecordingHttpServer() {
        try {
            server = vertx.createHttpServer()
                    .requestHandler(this::handle)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the recording HTTP server", e);
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Map<String, List<String>> headers = new TreeMap<>();
            request.headers()
                    .forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(h.getValue()));
            Request r = new Request(
                    request.method().name(),
                    request.path(),
                    request.query(),
                    headers,
                    buffer.toString(StandardCharsets.UTF_8));
            requests.add(r);
            arrivals.add(r);
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.of(200, "{\"id\":\"m1\"}");
            }
            var response = request.response().setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.putHeader("Content-Type", "application/json").end(reply.body());
        });
    }

    /** Answers the next requests with these replies, in order. */
    public RecordingHttpServer thenReply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public int port() {
        return server.actualPort();
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
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the recording HTTP server", e);
        }
    }
}
