package dev.vigil.collector.dashboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the collector's HTTP side, for the render benchmark and for failures the real collector cannot be
 * made to show on demand (live stream lost, store unavailable): serves the dashboard from the classpath and canned
 * JSON in the shapes of docs/api.md. The browser tests of the features run against the real collector.
 */
public final class MockCollector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<HttpServerResponse, Context> streams = new ConcurrentHashMap<>();
    private final MockData data;
    private final HttpServer server;
    private volatile boolean refuseStreams;

    public MockCollector(MockData data) {
        this.data = data;
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create(false));
        router.post("/api/login").handler(this::login);
        router.route("/api/*").handler(this::requireSession);
        router.get("/api/stream").handler(this::stream);
        router.post("/api/logout").handler(ctx -> {
            sessions.values().remove(ctx.<String>get("user"));
            ctx.response().setStatusCode(204).end();
        });
        router.route("/api/*").handler(this::answer);
        router.route("/*").handler(StaticHandler.create("vigil-dashboard").setCachingEnabled(false));
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    /** Sends one SSE message (site, event or alert) to every open stream. */
    public void push(String name, Object payload) {
        String frame = "event: " + name + "\ndata: " + json(payload) + "\n\n";
        streams.forEach((response, context) -> context.runOnContext(v -> response.write(frame)));
    }

    /** Closes every open SSE stream; while refuse is set, new ones are answered 503. */
    public void dropStreams(boolean refuse) {
        refuseStreams = refuse;
        streams.forEach((response, context) -> context.runOnContext(v -> response.reset()));
        streams.clear();
    }

    public void allowStreams() {
        refuseStreams = false;
    }

    private void login(RoutingContext ctx) {
        Map<?, ?> body = ctx.body().asJsonObject().getMap();
        String user = String.valueOf(body.get("username"));
        String role = data.role(user, String.valueOf(body.get("password")));
        if (role == null) {
            reply(ctx, 401, Map.of("error", "wrong username or password"));
            return;
        }
        String token = UUID.randomUUID().toString();
        sessions.put(token, user);
        ctx.response().putHeader("Set-Cookie", "vigil_session=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        reply(ctx, 200, Map.of("username", user, "role", role));
    }

    private void requireSession(RoutingContext ctx) {
        var cookie = ctx.request().getCookie("vigil_session");
        String user = cookie == null ? null : sessions.get(cookie.getValue());
        if (user == null) {
            reply(ctx, 401, Map.of("error", "not logged in"));
            return;
        }
        ctx.put("user", user);
        ctx.next();
    }

    private void stream(RoutingContext ctx) {
        if (refuseStreams) {
            reply(ctx, 503, Map.of("error", "live updates are paused"));
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store");
        response.write(": connected\n\n");
        streams.put(response, vertx.getOrCreateContext());
        response.closeHandler(v -> streams.remove(response));
    }

    private void answer(RoutingContext ctx) {
        MockData.Reply r = data.answer(
                ctx.request().method().name(),
                ctx.request().path(),
                ctx.request().query(),
                ctx.get("user"));
        reply(ctx, r.status(), r.body());
    }

    private static void reply(RoutingContext ctx, int status, Object body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(json(body));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("mock collector did not start: " + e, e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
