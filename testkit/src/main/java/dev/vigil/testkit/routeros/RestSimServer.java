package dev.vigil.testkit.routeros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** The v7 REST front end over HTTPS: {@code POST /rest/<command>}, {@code GET /rest/<menu>}, {@code PATCH /rest/<menu>/<id>}. */
@SuppressForbidden(
        "com.sun.net.httpserver is the JDK's exported jdk.httpserver module: enough for a test REST endpoint")
final class RestSimServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final RouterOsSim sim;

    RestSimServer(RouterOsSim sim, InetSocketAddress address, SelfSignedCert cert) throws IOException {
        this.sim = sim;
        this.server = HttpsServer.create(address, 16);
        server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
        server.createContext("/rest", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-rest");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/rest".length());
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange, path);
                case "GET" -> get(exchange, path);
                case "PATCH" -> patch(exchange, path);
                default -> respond(exchange, 405, error(405, "Method Not Allowed", null));
            }
        } catch (RuntimeException e) {
            respond(exchange, 400, error(400, "Bad Request", String.valueOf(e.getMessage())));
        }
    }

    private void post(HttpExchange exchange, String path) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        if (body != null && body.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(".query")) {
                    field.getValue().forEach(q -> queries.add(q.asText()));
                } else if (field.getKey().equals(".proplist")
                        && field.getValue().isArray()) {
                    List<String> names = new ArrayList<>();
                    field.getValue().forEach(n -> names.add(n.asText()));
                    attributes.put(".proplist", String.join(",", names));
                } else {
                    attributes.put(field.getKey(), field.getValue().asText());
                }
            }
        }
        if (path.equals("/ping")) {
            ping(exchange, attributes);
            return;
        }
        if (path.equals("/export") && sim.misbehaviour() == Misbehaviour.REFUSE_EXPORT) {
            respond(exchange, 400, error(400, "Bad Request", RouterOsSim.EXPORT_REFUSAL));
            return;
        }
        if (path.startsWith(SimRouter.FILE + "/") && sim.misbehaviour() == Misbehaviour.DROP_DURING_EXPORT) {
            dropMidway(exchange);
            return;
        }
        answer(exchange, sim.router().execute(path, attributes, queries));
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                if (key.equals(".proplist")) {
                    attributes.put(key, value);
                } else {
                    queries.add(key + "=" + value);
                }
            }
        }
        SimResult all = sim.router().execute(path + "/print", attributes, queries);
        if (all.failed() && path.lastIndexOf('/') > 0) {
            String menu = path.substring(0, path.lastIndexOf('/'));
            String id = path.substring(path.lastIndexOf('/') + 1);
            SimResult one = sim.router().execute(menu + "/print", attributes, List.of(".id=" + id));
            if (one.items().isEmpty()) {
                one = sim.router().execute(menu + "/print", attributes, List.of("name=" + id));
            }
            if (!one.failed() && one.items().size() == 1) {
                respond(exchange, 200, JSON.valueToTree(one.items().get(0)));
                return;
            }
            respond(exchange, 404, error(404, "Not Found", null));
            return;
        }
        answer(exchange, all);
    }

    private void patch(HttpExchange exchange, String path) throws IOException {
        int slash = path.lastIndexOf('/');
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(".id", path.substring(slash + 1));
        body.fields()
                .forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
        SimResult result = sim.router().execute(path.substring(0, slash) + "/set", attributes, List.of());
        if (result.failed()) {
            answer(exchange, result);
            return;
        }
        SimResult item = sim.router()
                .execute(path.substring(0, slash) + "/print", Map.of(), List.of(".id=" + attributes.get(".id")));
        respond(
                exchange,
                200,
                item.items().isEmpty()
                        ? JSON.createObjectNode()
                        : JSON.valueToTree(item.items().get(0)));
    }

    private void ping(HttpExchange exchange, Map<String, String> attributes) throws IOException {
        if (!attributes.containsKey("count")) {
            respond(exchange, 400, error(400, "Bad Request", "Session closed"));
            return;
        }
        int count = Integer.parseInt(attributes.get("count"));
        ArrayNode replies = JSON.createArrayNode();
        int received = 0;
        for (int seq = 0; seq < count; seq++) {
            Map<String, String> reply = sim.router().pingReply(attributes.getOrDefault("address", ""), seq, received);
            received = Integer.parseInt(reply.get("received"));
            replies.add(JSON.valueToTree(reply));
        }
        respond(exchange, 200, replies);
    }

    /** Announces a body, sends half of it and closes: the client sees the connection drop mid-reply. */
    private static void dropMidway(HttpExchange exchange) throws IOException {
        byte[] body = "[{\"name\":\"vigil-export.rsc\",\"contents\":\"# 2026-12-07 by RouterOS\"}]"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body, 0, body.length / 2);
        exchange.getResponseBody().flush();
        throw new IOException("dropped mid-reply on purpose");
    }

    private void answer(HttpExchange exchange, SimResult result) throws IOException {
        if (result.failed()) {
            String message = result.traps().get(0).get("message");
            boolean missing = message.startsWith("no such item");
            boolean noCommand = message.startsWith("no such command");
            int status = missing ? 404 : noCommand ? 406 : 400;
            respond(
                    exchange,
                    status,
                    error(status, missing ? "Not Found" : noCommand ? "Not Acceptable" : "Bad Request", message));
        } else if (!result.items().isEmpty()) {
            respond(exchange, 200, JSON.valueToTree(result.items()));
        } else if (!result.done().isEmpty()) {
            respond(exchange, 200, JSON.valueToTree(result.done()));
        } else {
            respond(exchange, 200, JSON.createArrayNode());
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.equals(sim.user() + ":" + sim.password());
    }

    private static ObjectNode error(int code, String message, String detail) {
        ObjectNode node = JSON.createObjectNode().put("error", code).put("message", message);
        if (detail != null) {
            node.put("detail", detail);
        }
        return node;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
