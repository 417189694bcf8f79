package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.collector.tenancy.TwoFactor;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/** Turning TOTP two-factor sign-in on and off for oneself, and an admin turning it off for a user who lost it. */
final class TwoFactorRoutes {
    private final Vertx vertx;
    private final Tenancy tenancy;

    TwoFactorRoutes(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    void mount(Router router) {
        router.post("/api/me/totp").handler(this::handleBegin);
        router.post("/api/me/totp/confirm").handler(this::handleConfirm);
        router.delete("/api/me/totp").handler(this::handleDisableOwn);
        router.delete("/api/users/:username/totp").handler(this::handleDisableFor);
    }

    private boolean passwordSession(RoutingContext ctx) {
        if (Callers.viaToken(ctx)) {
            Replies.error(ctx, 403, "sign in with a password to change two-factor sign-in");
            return false;
        }
        return true;
    }

    private void handleBegin(RoutingContext ctx) {
        if (!passwordSession(ctx)) {
            return;
        }
        String user = Callers.username(ctx);
        vertx.executeBlocking(() -> tenancy.twoFactor().begin(user), false)
                .onSuccess(e -> Replies.json(
                        ctx, 200, Json.object().put("secret", e.secret()).put("uri", e.uri())))
                .onFailure(t -> {
                    if (t instanceof IllegalStateException) {
                        Replies.error(ctx, 409, t.getMessage());
                    } else {
                        Replies.failure(ctx, t);
                    }
                });
    }

    private void handleConfirm(RoutingContext ctx) {
        if (!passwordSession(ctx)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null || !body.path("code").isTextual()) {
            Replies.error(ctx, 400, "send {\"code\": \"123456\"} as JSON");
            return;
        }
        String user = Callers.username(ctx);
        String code = body.get("code").asText();
        vertx.executeBlocking(() -> tenancy.twoFactor().confirm(user, code), false)
                .onSuccess(codes -> {
                    if (codes.isEmpty()) {
                        Replies.error(
                                ctx, 400, "the code does not match (or no enrolment is pending: POST /api/me/totp)");
                        return;
                    }
                    ObjectNode out = Json.object();
                    ArrayNode list = out.putArray("recovery_codes");
                    codes.get().forEach(list::add);
                    Replies.json(ctx, 200, out);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDisableOwn(RoutingContext ctx) {
        if (!passwordSession(ctx)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null || !body.path("code").isTextual()) {
            Replies.error(ctx, 400, "send {\"code\": \"a current one-time code or a recovery code\"} as JSON");
            return;
        }
        String user = Callers.username(ctx);
        String code = body.get("code").asText();
        vertx.executeBlocking(
                        () -> {
                            TwoFactor.Verdict v = tenancy.twoFactor().check(user, code);
                            if (v == TwoFactor.Verdict.ACCEPTED || v == TwoFactor.Verdict.ACCEPTED_RECOVERY_CODE) {
                                tenancy.twoFactor().disable(user, user);
                            }
                            return v;
                        },
                        false)
                .onSuccess(v -> {
                    if (v == TwoFactor.Verdict.ACCEPTED || v == TwoFactor.Verdict.ACCEPTED_RECOVERY_CODE) {
                        ctx.response().setStatusCode(204).end();
                    } else if (v == TwoFactor.Verdict.NOT_ENROLLED) {
                        Replies.error(ctx, 409, "two-factor sign-in is not on");
                    } else {
                        Replies.error(ctx, 403, "wrong or already used one-time code");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDisableFor(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.ADMIN) || !passwordSession(ctx)) {
            return;
        }
        String username = ctx.pathParam("username");
        String admin = Callers.username(ctx);
        String own = Callers.customer(ctx);
        vertx.executeBlocking(
                        () -> tenancy.users()
                                        .find(username)
                                        .filter(u -> own == null || Objects.equals(own, u.customer()))
                                        .isPresent()
                                && tenancy.twoFactor().disable(username, admin),
                        false)
                .onSuccess(done -> {
                    if (done) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 404, "no user named " + username + " with two-factor sign-in on");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }
}
