package dev.vigil.agent.routeros;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLException;

/**
 * The RouterOS v7 REST API over HTTPS: every command is a {@code POST /rest/<path>} whose body holds the attributes,
 * {@code .proplist} and {@code .query} (routeros-api.md §2). Deadlines are capped at the router's own 60 s limit.
 */
public final class RestRouterOsClient implements RouterOsClient {
    /** RouterOS cuts a REST command off after this long. */
    public static final Duration ROUTER_CAP = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouterConfig config;
    private final HttpClient http;
    private final String authorization;
    private final String base;

    public RestRouterOsClient(RouterConfig config) {
        this.config = config;
        if (config.tls() == null) {
            throw new IllegalArgumentException("REST needs tls.fingerprint or tls.ca_file for " + config.name());
        }
        this.http = HttpClient.newBuilder()
                .sslContext(TlsContexts.forRouter(config.tls()))
                .connectTimeout(config.timeout())
                .build();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (config.username() + ":" + config.password().reveal())
                                        .getBytes(StandardCharsets.UTF_8));
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        this.base = "https://" + host + ":" + config.port() + "/rest";
    }

    @Override
    public String router() {
        return config.name();
    }

    @Override
    public CompletionStage<Reply> call(Command command) {
        return call(command, config.timeout());
    }

    @Override
    public CompletionStage<Reply> call(Command command, Duration timeout) {
        Duration capped = timeout.compareTo(ROUTER_CAP) > 0 ? ROUTER_CAP : timeout;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + command.path()))
                .timeout(capped)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(command).toString(), StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw failure(command, capped, error);
                    }
                    return reply(command, response);
                });
    }

    static ObjectNode body(Command command) {
        ObjectNode body = JSON.createObjectNode();
        command.attributes().forEach(body::put);
        if (!command.proplist().isEmpty()) {
            body.put(".proplist", String.join(",", command.proplist()));
        }
        if (!command.queries().isEmpty()) {
            ArrayNode query = body.putArray(".query");
            command.queries().forEach(query::add);
        }
        return body;
    }

    private Reply reply(Command command, HttpResponse<String> response) {
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status == 401) {
            throw new RouterOsException(
                    RouterOsException.Kind.LOGIN,
                    "login to " + config.name() + " as '" + config.username() + "' refused (HTTP 401)");
        }
        if (status >= 400) {
            String detail = json.path("detail").asText(json.path("message").asText("HTTP " + status));
            throw new RouterOsException(
                    RouterOsException.Kind.TRAP,
                    command.path() + " failed: " + detail + " (HTTP " + status + ")",
                    List.of(new RouterOsException.Trap(detail, -1)),
                    null);
        }
        if (json.isArray()) {
            List<Map<String, String>> items = new java.util.ArrayList<>();
            json.forEach(item -> items.add(strings(item)));
            return new Reply(items, Map.of());
        }
        return new Reply(List.of(), json.isObject() ? strings(json) : Map.of());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RouterOsException(RouterOsException.Kind.PROTOCOL, "the router's REST reply is not JSON");
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.put(
                    field.getKey(),
                    field.getValue().isValueNode()
                            ? field.getValue().asText()
                            : field.getValue().toString());
        }
        return out;
    }

    private RouterOsException failure(Command command, Duration timeout, Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RouterOsException r) {
            return r;
        }
        if (cause instanceof HttpTimeoutException) {
            return new RouterOsException(
                    RouterOsException.Kind.TIMEOUT,
                    command.path() + " on " + config.name() + " did not finish within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof SSLException) {
            return new RouterOsException(
                    RouterOsException.Kind.TLS,
                    "TLS with " + config.host() + ":" + config.port() + " failed: " + ApiConnection.rootMessage(cause),
                    cause);
        }
        String what = cause instanceof ConnectException ? "cannot connect to " : "lost the connection to ";
        return new RouterOsException(
                RouterOsException.Kind.CONNECTION,
                what + config.host() + ":" + config.port() + ": " + ApiConnection.rootMessage(cause),
                cause);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads are daemons and idle out
    }

    @Override
    public String toString() {
        return "RestRouterOsClient[" + config.name() + " " + base + "]";
    }
}
