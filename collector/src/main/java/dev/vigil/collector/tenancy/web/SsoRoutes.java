package dev.vigil.collector.tenancy.web;

import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.LoginSessions;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.tenancy.SsoAccounts.Refused;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.collector.tenancy.sso.SingleSignOn;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Single sign-on (docs/security.md, "Single sign-on"): {@code GET /api/sso} (is it on, the button's label),
 * {@code GET /api/sso/login} (off to the provider) and {@code GET /api/sso/callback} (back from it: a login session,
 * the same cookie as a password login, then the dashboard). None needs a login; the callback checks the state, which
 * is single-use and bound to the browser by the {@value #BINDING_COOKIE} cookie.
 */
public final class SsoRoutes implements ApiModule {
    static final String BINDING_COOKIE = "vigil_sso";
    private static final String CALLBACK = "/api/sso/callback";

    private final Vertx vertx;
    private final SingleSignOn sso;
    private final Tenancy tenancy;

    public SsoRoutes(Vertx vertx, SingleSignOn sso, Tenancy tenancy) {
        this.vertx = vertx;
        this.sso = sso;
        this.tenancy = tenancy;
    }

    @Override
    public void mountSignIn(Router router, LoginSessions sessions) {
        router.get("/api/sso")
                .handler(ctx -> Replies.json(
                        ctx,
                        200,
                        Json.object()
                                .put("enabled", true)
                                .put("label", sso.label())
                                .put("login", "/api/sso/login")));
        router.get("/api/sso/login").handler(this::handleLogin);
        router.get(CALLBACK).handler(ctx -> handleCallback(ctx, sessions));
    }

    @Override
    public void mount(Router router) {}

    private void handleLogin(RoutingContext ctx) {
        vertx.executeBlocking(sso::begin, false)
                .onSuccess(start -> {
                    ctx.response().addCookie(binding(ctx, start.binding()).setMaxAge(600));
                    redirect(ctx, start.authorizationUrl());
                })
                .onFailure(t -> page(ctx, 502, "Single sign-on is not available", reason(t)));
    }

    private void handleCallback(RoutingContext ctx, LoginSessions sessions) {
        Cookie cookie = ctx.request().getCookie(BINDING_COOKIE);
        ctx.response().addCookie(binding(ctx, "").setMaxAge(0));
        String address = ctx.request().remoteAddress() == null
                ? null
                : ctx.request().remoteAddress().host();
        Optional<Duration> wait = tenancy.logins().check("sso", null, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            page(ctx, 429, "Too many failed sign-ins", "try again in " + seconds + " s");
            return;
        }
        String state = ctx.request().getParam("state");
        String binding = cookie == null ? null : cookie.getValue();
        vertx.executeBlocking(() -> sso.take(state, binding), false)
                .onSuccess(ticket -> finish(ctx, sessions, ticket, address))
                .onFailure(t -> page(ctx, 500, "Sign-in refused", reason(t)));
    }

    private void finish(
            RoutingContext ctx, LoginSessions sessions, Optional<SingleSignOn.Ticket> ticket, String address) {
        String error = ctx.request().getParam("error");
        String code = ctx.request().getParam("code");
        if (ticket.isEmpty() || error != null || code == null || code.isBlank()) {
            if (ticket.isEmpty()) {
                page(
                        ctx,
                        400,
                        "Sign-in refused",
                        "this sign-in is unknown, used already, expired or was started in"
                                + " another browser; start again from the login page");
            } else if (error != null) {
                page(ctx, 401, "Sign-in refused", "the provider answered " + oneLine(error));
            } else {
                page(ctx, 400, "Sign-in refused", "the provider sent no code");
            }
            return;
        }
        vertx.executeBlocking(() -> sso.finish(ticket.get(), code, address), false)
                .compose(in -> sessions.start(ctx, in.username(), in.role()))
                .onSuccess(v -> redirect(ctx, "/"))
                .onFailure(t -> page(ctx, t instanceof Refused ? 403 : 500, "Sign-in refused", reason(t)));
    }

    private static Cookie binding(RoutingContext ctx, String value) {
        return Cookie.cookie(BINDING_COOKIE, value)
                .setHttpOnly(true)
                .setSecure(ctx.request().isSSL())
                .setSameSite(CookieSameSite.LAX)
                .setPath("/api/sso");
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response()
                .setStatusCode(302)
                .putHeader("Location", location)
                .putHeader("Cache-Control", "no-store")
                .end();
    }

    private static String reason(Throwable t) {
        return t instanceof Refused ? t.getMessage() : "an internal error; see the collector's log";
    }

    private static void page(RoutingContext ctx, int status, String title, String reason) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end("<!doctype html><html><head><meta charset=\"utf-8\"><title>Vigil – " + escape(title)
                        + "</title></head><body><h1>" + escape(title) + "</h1><p id=\"reason\">" + escape(reason)
                        + "</p><p><a href=\"/\">Back to the login page</a></p></body></html>");
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("[\\r\\n]+", " ");
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
