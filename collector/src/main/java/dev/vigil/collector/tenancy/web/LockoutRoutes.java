package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Lockouts now, lifting one, and the authentication log (MSP admins). */
final class LockoutRoutes {
    private final Vertx vertx;
    private final Tenancy tenancy;

    LockoutRoutes(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    void mount(Router router) {
        router.get("/api/auth/lockouts").handler(this::handleList);
        router.delete("/api/auth/lockouts/:account").handler(this::handleLift);
        router.get("/api/auth/events").handler(this::handleEvents);
    }

    private void handleList(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("lockouts");
        tenancy.logins()
                .lockouts()
                .forEach(w -> out.addObject()
                        .put("account", w.key())
                        .put("failures", w.failures())
                        .put("until", w.until().toString()));
        Replies.json(ctx, 200, body);
    }

    private void handleLift(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        String account = ctx.pathParam("account");
        String admin = Callers.username(ctx);
        vertx.executeBlocking(() -> tenancy.logins().lift(account, admin), false)
                .onSuccess(had -> {
                    if (had) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 404, "account " + account + " has no failed sign-ins");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleEvents(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        int limit;
        try {
            limit = Params.integer(ctx, "limit", 100, 1, 1000);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> tenancy.log().recent(limit), false)
                .onSuccess(events -> {
                    ObjectNode body = Json.object();
                    ArrayNode out = body.putArray("events");
                    events.forEach(e -> out.addObject()
                            .put("time", e.time().toString())
                            .put("kind", e.kind())
                            .put("subject", e.subject())
                            .put("source", e.source())
                            .put("actor", e.actor()));
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }
}
