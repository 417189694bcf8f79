package dev.vigil.collector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook endpoint on loopback (port 0) that records every alert change the collectors POST to it. */
public final class WebhookRecorder implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    public WebhookRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(WireCodec.readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
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
        server.stop(0);
    }
}
