package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Login, logout, who am I, and the guard that every other API route sits behind. */
final class AuthRoutes {
    static final String SESSION_KEY = "vigil.session";

    private final Vertx vertx;
    private final ApiDeps deps;
    private final ApiSessions sessions;

    AuthRoutes(Vertx vertx, ApiDeps deps, ApiSessions sessions) {
        this.vertx = vertx;
        this.deps = deps;
        this.sessions = sessions;
    }

    void mount(Router router) {
        router.post("/api/login").handler(this::handleLogin);
        router.post("/api/logout").handler(this::handleLogout);
        router.route("/api/*").handler(this::requireSession);
        router.get("/api/me").handler(this::handleMe);
    }

    /** The caller's session, after {@link #requireSession}. */
    static ApiSessions.ApiSession session(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    /** True when the caller has at least the role; otherwise replies 403. */
    static boolean require(RoutingContext ctx, Role role) {
        if (session(ctx).role().atLeast(role)) {
            return true;
        }
        Replies.error(ctx, 403, "this needs the role " + role.wireName() + " or higher");
        return false;
    }

    private void handleLogin(RoutingContext ctx) {
        JsonNode body = parse(ctx);
        if (body == null
                || !body.path("username").isTextual()
                || !body.path("password").isTextual()) {
            Replies.error(ctx, 400, "send {\"username\": \"…\", \"password\": \"…\"} as JSON");
            return;
        }
        String username = body.get("username").asText();
        String password = body.get("password").asText();
        vertx.executeBlocking(() -> deps.directory().authenticateUser(username, password), false)
                .onSuccess(user -> loggedIn(ctx, user))
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void loggedIn(RoutingContext ctx, Optional<UserPrincipal> user) {
        if (user.isEmpty()) {
            deps.counters().increment("vigil_http_login_failures_total");
            Replies.error(ctx, 401, "wrong user name or password");
            return;
        }
        UserPrincipal who = user.get();
        sessions.create(who.username(), who.role())
                .onSuccess(token -> {
                    ctx.response()
                            .addCookie(Cookie.cookie(ApiSessions.COOKIE, token)
                                    .setHttpOnly(true)
                                    .setSameSite(CookieSameSite.STRICT)
                                    .setPath("/"));
                    Replies.json(ctx, 200, me(who.username(), who.role()));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleLogout(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(ApiSessions.COOKIE);
        sessions.remove(c == null ? null : c.getValue())
                .onSuccess(v -> {
                    ctx.response()
                            .addCookie(Cookie.cookie(ApiSessions.COOKIE, "")
                                    .setHttpOnly(true)
                                    .setSameSite(CookieSameSite.STRICT)
                                    .setPath("/")
                                    .setMaxAge(0));
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void requireSession(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(ApiSessions.COOKIE);
        String token = c == null ? null : c.getValue();
        Optional<ApiSessions.ApiSession> s = sessions.touch(token);
        if (s.isPresent() || token == null) {
            continueAs(ctx, s);
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> deps.stores().apiSessions().find(ApiSessions.hash(token)), false)
                .onSuccess(stored -> continueAs(ctx, stored.flatMap(r -> sessions.adopt(token, r))))
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void continueAs(RoutingContext ctx, Optional<ApiSessions.ApiSession> s) {
        if (s.isEmpty()) {
            deps.counters().increment("vigil_http_unauthenticated_total");
            Replies.error(ctx, 401, "not logged in");
            return;
        }
        ctx.put(SESSION_KEY, s.get());
        ctx.next();
    }

    private void handleMe(RoutingContext ctx) {
        ApiSessions.ApiSession s = session(ctx);
        Replies.json(ctx, 200, me(s.username(), s.role()));
    }

    private static JsonNode me(String username, Role role) {
        return Json.object().put("username", username).put("role", role.wireName());
    }

    /** The JSON body, or null when it is missing or not JSON. */
    static JsonNode parse(RoutingContext ctx) {
        try {
            String text = ctx.body().asString();
            return text == null || text.isBlank() ? null : WireCodec.mapper().readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
