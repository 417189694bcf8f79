package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.store.TenancyStore.TokenRecord;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * API tokens: anyone signed in with a password makes tokens of at most their own role and scope; the owner or an
 * admin (of the same scope) revokes them. A token cannot make or revoke tokens.
 */
final class TokenRoutes {
    private static final int DEFAULT_DAYS = 90;

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final Clock clock;

    TokenRoutes(Vertx vertx, Tenancy tenancy, Clock clock) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/tokens").handler(this::handleList);
        router.post("/api/tokens").handler(this::handleCreate);
        router.delete("/api/tokens/:id").handler(this::handleRevoke);
    }

    private void handleCreate(RoutingContext ctx) {
        if (Callers.viaToken(ctx)) {
            Replies.error(ctx, 403, "sign in with a password to make API tokens");
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null
                || !body.path("name").isTextual()
                || !JsonBodies.optionalText(body, "role")
                || !JsonBodies.optionalText(body, "customer")
                || !(body.path("expires_in_days").isMissingNode()
                        || body.path("expires_in_days").canConvertToInt())) {
            Replies.error(
                    ctx,
                    400,
                    "send {\"name\": \"…\", \"role\": \"viewer|operator|admin\", \"expires_in_days\": 1…365,"
                            + " \"customer\": \"…\"} as JSON (only name is required)");
            return;
        }
        Role own = Callers.role(ctx);
        String roleText = JsonBodies.textOrNull(body, "role");
        Optional<Role> role = roleText == null ? Optional.of(own) : Role.parse(roleText);
        if (role.isEmpty()) {
            Replies.error(ctx, 400, "role must be viewer, operator or admin");
            return;
        }
        int days = body.path("expires_in_days").asInt(DEFAULT_DAYS);
        String customer = JsonBodies.textOrNull(body, "customer");
        if (customer != null
                && Callers.customer(ctx) == null
                && !tenancy.customers().exists(customer)) {
            Replies.error(ctx, 400, "no customer named " + customer);
            return;
        }
        String owner = Callers.username(ctx);
        String ownerCustomer = Callers.customer(ctx);
        String name = body.get("name").asText();
        vertx.executeBlocking(
                        () -> tenancy.tokens()
                                .create(
                                        owner,
                                        own,
                                        ownerCustomer,
                                        name,
                                        role.get(),
                                        customer,
                                        Duration.ofDays(Math.max(0, days))),
                        false)
                .onSuccess(made -> {
                    ObjectNode out = json(made.record());
                    out.put("token", made.token());
                    Replies.json(ctx, 201, out);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleList(RoutingContext ctx) {
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("tokens");
        tenancy.tokens().list().stream().filter(t -> manageable(ctx, t)).forEach(t -> out.add(json(t)));
        Replies.json(ctx, 200, body);
    }

    private void handleRevoke(RoutingContext ctx) {
        if (Callers.viaToken(ctx)) {
            Replies.error(ctx, 403, "sign in with a password to revoke API tokens");
            return;
        }
        String id = ctx.pathParam("id");
        boolean mine = tenancy.tokens().list().stream().anyMatch(t -> t.id().equals(id) && manageable(ctx, t));
        if (!mine) {
            Replies.error(ctx, 404, "no API token with id " + id);
            return;
        }
        String actor = Callers.username(ctx);
        vertx.executeBlocking(() -> tenancy.tokens().revoke(id, actor), false)
                .onSuccess(done -> {
                    if (done) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 409, "API token " + id + " is revoked already");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    /** Own tokens; an admin's also those of its scope (MSP admin: all). */
    private static boolean manageable(RoutingContext ctx, TokenRecord t) {
        if (t.username().equals(Callers.username(ctx))) {
            return true;
        }
        if (Callers.role(ctx) != Role.ADMIN || Callers.viaToken(ctx)) {
            return false;
        }
        String scope = Callers.customer(ctx);
        return scope == null || Objects.equals(scope, t.customer());
    }

    private ObjectNode json(TokenRecord t) {
        String state =
                t.revokedAt() != null ? "revoked" : clock.instant().isBefore(t.expiresAt()) ? "active" : "expired";
        return Json.object()
                .put("id", t.id())
                .put("name", t.name())
                .put("username", t.username())
                .put("role", t.role())
                .put("customer", t.customer())
                .put("state", state)
                .put("created_at", t.createdAt().toString())
                .put("expires_at", t.expiresAt().toString())
                .put("last_used", t.lastUsed() == null ? null : t.lastUsed().toString())
                .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
    }
}
