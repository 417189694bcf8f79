package dev.vigil.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on loopback (port 0) that records every alert change the collectors POST to it. */
public final class WebhookRecorder implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    public WebhookRecorder() {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    received.add(WireCodec.readTree(body.toString()));
                    req.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1")
                .await();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hook";
    }
    /** Every change so far, in arrival order. */
    public List<JsonNode> changes() {
        return List.copyOf(received);
    }

    /** "title: state" of every change so far, in arrival order. */
    public List<String> summary() {
        return received.stream()
                .map(a -> a.path("title").asText() + ": " + a.path("state").asText())
                .toList();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
