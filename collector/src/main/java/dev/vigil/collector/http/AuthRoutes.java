package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.tenancy.ApiTokens;
import dev.vigil.collector.tenancy.LoginGuard;
import dev.vigil.collector.tenancy.TwoFactor;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Login, logout, who am I, and the guard that every other API route sits behind. */
final class AuthRoutes {
    static final String SESSION_KEY = "vigil.session";
    static final String SCOPE_KEY = "vigil.scope";
    static final String TOKEN_KEY = "vigil.token";
    static final String TOKEN_NAME_KEY = "vigil.token-name";
    /** What a user who must turn on two-factor sign-in may reach before doing so. */
    private static final java.util.Set<String> ENROLMENT_PATHS =
            java.util.Set.of("/api/me", "/api/me/totp", "/api/me/totp/confirm", "/api/logout");

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
        // the login page asks; a single sign-on module mounted before this answers with its button instead
        router.get("/api/sso")
                .handler(ctx -> Replies.json(ctx, 200, Json.object().put("enabled", false)));
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
        if (!body.path("code").isMissingNode() && !body.path("code").isTextual()) {
            Replies.error(ctx, 400, "code must be the one-time code as a string");
            return;
        }
        String username = body.get("username").asText();
        String password = body.get("password").asText();
        String code = body.path("code").asText(null);
        String address = ctx.request().remoteAddress() == null
                ? null
                : ctx.request().remoteAddress().host();
        LoginGuard guard = deps.tenancy().logins();
        Optional<Duration> wait = guard.check("http", username, address);
        if (wait.isPresent()) {
            loginFailed(ctx, username, guard.lockedOut(username) ? "locked_out" : "throttled");
            tooManyAttempts(ctx, wait.get());
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            Optional<UserPrincipal> user = deps.directory().authenticateUser(username, password);
                            if (user.isEmpty()) {
                                guard.failed("http", username, address);
                                return new SignIn(user, null);
                            }
                            deps.tenancy().sync().learnUser(username);
                            TwoFactor.Verdict second =
                                    deps.tenancy().twoFactor().check(username, code);
                            if (second == TwoFactor.Verdict.WRONG) {
                                guard.failed("http", username, address);
                            } else if (second != TwoFactor.Verdict.MISSING) {
                                guard.succeeded(username);
                            }
                            return new SignIn(user, second);
                        },
                        false)
                .onSuccess(signIn -> {
                    if (signIn.second() == TwoFactor.Verdict.MISSING) {
                        Replies.json(
                                ctx,
                                401,
                                Json.object()
                                        .put("error", "enter the one-time code from your authenticator app")
                                        .put("totp_required", true));
                    } else if (signIn.second() == TwoFactor.Verdict.WRONG) {
                        loginFailed(ctx, username, "totp_failed");
                        deps.counters().increment("vigil_http_login_failures_total");
                        Replies.json(
                                ctx,
                                401,
                                Json.object()
                                        .put("error", "wrong or already used one-time code")
                                        .put("totp_required", true));
                    } else {
                        signIn.user().ifPresentOrElse(u -> {}, () -> loginFailed(ctx, username, "bad_password"));
                        loggedIn(ctx, signIn.user());
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private static void loginFailed(RoutingContext ctx, String username, String reason) {
        String name = username.length() > 64 ? username.substring(0, 64) : username;
        Audits.record(
                ctx,
                "login.failed",
                name,
                null,
                "denied",
                "sign-in refused: " + reason,
                user(name).put("reason", reason));
    }

    private static ObjectNode user(String username) {
        return Json.object().put("user", username).put("via", "http");
    }

    /** A password check and, when it passed, the second factor's verdict. */
    private record SignIn(Optional<UserPrincipal> user, TwoFactor.Verdict second) {}

    private static void tooManyAttempts(RoutingContext ctx, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Replies.error(ctx, 429, "too many failed sign-ins; try again in " + seconds + " s");
    }

    private void loggedIn(RoutingContext ctx, Optional<UserPrincipal> user) {
        if (user.isEmpty()) {
            deps.counters().increment("vigil_http_login_failures_total");
            Replies.error(ctx, 401, "wrong user name or password");
            return;
        }
        UserPrincipal who = user.get();
        Audits.record(ctx, "login.succeeded", who.username(), null, "ok", "signed in", user(who.username()));
        sessions.create(who.username(), who.role())
                .onSuccess(token -> {
                    ctx.response().addCookie(sessionCookie(ctx, token));
                    Replies.json(ctx, 200, meWithTotp(who.username(), who.role(), customerOf(who.username())));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    static Cookie sessionCookie(RoutingContext ctx, String token) {
        return Cookie.cookie(ApiSessions.COOKIE, token)
                .setSecure(ctx.request().isSSL())
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setPath("/");
    }

    private void handleLogout(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(ApiSessions.COOKIE);
        sessions.touch(c == null ? null : c.getValue())
                .ifPresent(
                        s -> Audits.record(ctx, "logout", s.username(), null, "ok", "signed out", user(s.username())));
        sessions.remove(c == null ? null : c.getValue())
                .onSuccess(v -> {
                    ctx.response()
                            .addCookie(Cookie.cookie(ApiSessions.COOKIE, "")
                                    .setSecure(ctx.request().isSSL())
                                    .setHttpOnly(true)
                                    .setSameSite(CookieSameSite.STRICT)
                                    .setPath("/")
                                    .setMaxAge(0));
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void requireSession(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
            requireToken(ctx, authorization.substring(6).trim());
            return;
        }
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

    private void continueAs(RoutingContext ctx, Optional<ApiSessions.ApiSession> session) {
        if (session.isEmpty()) {
            deps.counters().increment("vigil_http_unauthenticated_total");
            Replies.error(ctx, 401, "not logged in");
            return;
        }
        String username = session.get().username();
        if (!deps.tenancy().scopes().known(username)) {
            // created on another collector sharing the store less than a reload ago, or deleted: ask the store
            ctx.vertx()
                    .executeBlocking(() -> deps.tenancy().sync().learnUser(username), false)
                    .onSuccess(exists -> continueAs(ctx, session.filter(x -> exists)))
                    .onFailure(t -> Replies.failure(ctx, t));
            return;
        }
        Optional<ApiSessions.ApiSession> s = session.map(this::withStoredRole);
        ctx.put(SESSION_KEY, s.get());
        ctx.put(
                SCOPE_KEY,
                new CallerScope(customerOf(s.get().username()), deps.tenancy().owners()));
        if (mustEnrolFirst(s.get()) && !ENROLMENT_PATHS.contains(ctx.request().path())) {
            Replies.error(
                    ctx,
                    403,
                    "two-factor sign-in is required for the role "
                            + s.get().role().wireName() + ": set it up first (POST /api/me/totp)");
            return;
        }
        ctx.next();
    }

    /** The session's role, or the user's stored one when that is lower (changed on another collector). */
    private ApiSessions.ApiSession withStoredRole(ApiSessions.ApiSession s) {
        Role stored = deps.tenancy().scopes().role(s.username()).orElse(Role.VIEWER);
        return stored.atLeast(s.role())
                ? s
                : new ApiSessions.ApiSession(s.username(), stored, s.lastUsed(), s.lastWritten());
    }

    private boolean mustEnrolFirst(ApiSessions.ApiSession s) {
        return deps.tenancy().twoFactor().mustEnrol(s.username(), s.role());
    }

    /** {@code Authorization: Bearer vgt_…}: the token's role and customer, not its creator's. */
    private void requireToken(RoutingContext ctx, String bearer) {
        ApiTokens.Check check = deps.tenancy().tokens().check(bearer);
        if (!(check instanceof ApiTokens.Valid valid)) {
            deps.counters().increment("vigil_http_unauthenticated_total");
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Replies.error(ctx, 401, ((ApiTokens.Invalid) check).reason());
            return;
        }
        Instant now = deps.clock().instant();
        if (valid.writeUse()) {
            String id = valid.token().id();
            vertx.executeBlocking(
                    () -> {
                        deps.tenancy().tokens().recordUse(id, now);
                        return null;
                    },
                    false);
        }
        ctx.put(SESSION_KEY, new ApiSessions.ApiSession(valid.token().username(), valid.role(), now, now));
        ctx.put(
                SCOPE_KEY,
                new CallerScope(valid.token().customer(), deps.tenancy().owners()));
        ctx.put(TOKEN_KEY, valid.token().id());
        ctx.put(TOKEN_NAME_KEY, valid.token().name());
        ctx.next();
    }

    /** The id of the API token the caller used, or null for a login session. */
    static String tokenId(RoutingContext ctx) {
        return ctx.get(TOKEN_KEY);
    }

    private String customerOf(String username) {
        return deps.tenancy().scopes().customerOf(username);
    }

    /** The caller's scope, after {@link #requireSession}. */
    static CallerScope scope(RoutingContext ctx) {
        return ctx.get(SCOPE_KEY);
    }

    private void handleMe(RoutingContext ctx) {
        ApiSessions.ApiSession s = session(ctx);
        Replies.json(ctx, 200, meWithTotp(s.username(), s.role(), scope(ctx).customer()));
    }

    private ObjectNode meWithTotp(String username, Role role, String customer) {
        ObjectNode me = me(username, role, customer);
        TwoFactor tf = deps.tenancy().twoFactor();
        if (tf.enrolled(username) || tf.required(role)) {
            me.put("totp", tf.enrolled(username)).put("totp_setup_required", tf.mustEnrol(username, role));
        }
        return me;
    }

    private static ObjectNode me(String username, Role role, String customer) {
        ObjectNode me = Json.object().put("username", username).put("role", role.wireName());
        return customer == null ? me : me.put("customer", customer);
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
