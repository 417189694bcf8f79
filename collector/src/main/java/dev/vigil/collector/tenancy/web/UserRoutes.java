package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.store.TenancyStore.UserRow;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.collector.tenancy.UserAdmin;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Users and passwords. An MSP admin manages every user; a customer's admin only that customer's users (and creates
 * users of that customer only). Anyone changes their own password, proving the current one (throttled like a login).
 */
final class UserRoutes {
    private final Vertx vertx;
    private final Tenancy tenancy;

    UserRoutes(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    void mount(Router router) {
        router.get("/api/users").handler(this::handleList);
        router.post("/api/users").handler(this::handleCreate);
        router.delete("/api/users/:username").handler(this::handleDelete);
        router.post("/api/users/:username/password").handler(this::handleReset);
        router.post("/api/me/password").handler(this::handleChangeOwn);
    }

    private void handleList(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.ADMIN)) {
            return;
        }
        String scope = Callers.customer(ctx);
        vertx.executeBlocking(() -> tenancy.users().list(), false)
                .onSuccess(users -> {
                    ObjectNode body = Json.object();
                    ArrayNode out = body.putArray("users");
                    users.stream()
                            .filter(u -> scope == null || scope.equals(u.customer()))
                            .forEach(u -> out.add(json(u)));
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleCreate(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.ADMIN)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null
                || !body.path("username").isTextual()
                || !body.path("password").isTextual()
                || !body.path("role").isTextual()
                || !JsonBodies.optionalText(body, "customer")) {
            Replies.error(
                    ctx,
                    400,
                    "send {\"username\": \"…\", \"password\": \"…\", \"role\": \"viewer|operator|admin\","
                            + " \"customer\": \"…\" or null} as JSON");
            return;
        }
        Optional<Role> role = Role.parse(body.get("role").asText());
        if (role.isEmpty()) {
            Replies.error(ctx, 400, "role must be viewer, operator or admin");
            return;
        }
        String own = Callers.customer(ctx);
        String customer = JsonBodies.textOrNull(body, "customer");
        if (own != null && customer != null && !own.equals(customer)) {
            Replies.error(ctx, 403, "a customer's admin creates users of that customer only");
            return;
        }
        String scope = own != null ? own : customer;
        String username = body.get("username").asText();
        String password = body.get("password").asText();
        vertx.executeBlocking(() -> tenancy.customers().addUser(username, role.get(), password, scope), false)
                .onSuccess(created -> {
                    if (created) {
                        Audits.ok(
                                ctx,
                                "user.created",
                                null,
                                "user " + username + " (" + role.get().wireName() + ")",
                                Audits.with("user", username));
                        Replies.json(
                                ctx,
                                201,
                                Json.object()
                                        .put("username", username)
                                        .put("role", role.get().wireName())
                                        .put("customer", scope));
                    } else {
                        Replies.error(ctx, 409, "user " + username + " exists already");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDelete(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.ADMIN)) {
            return;
        }
        String username = ctx.pathParam("username");
        if (username.equals(Callers.username(ctx))) {
            Replies.error(ctx, 409, "you cannot delete yourself; ask another admin");
            return;
        }
        String admin = Callers.username(ctx);
        String own = Callers.customer(ctx);
        vertx.executeBlocking(
                        () -> manageable(username, own)
                                ? Optional.of(tenancy.users().delete(username, admin))
                                : Optional.<Boolean>empty(),
                        false)
                .onSuccess(done -> {
                    if (done.orElse(false)) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 404, "no user named " + username);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleReset(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.ADMIN)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null || !body.path("password").isTextual()) {
            Replies.error(ctx, 400, "send {\"password\": \"…\"} as JSON");
            return;
        }
        String username = ctx.pathParam("username");
        String password = body.get("password").asText();
        String admin = Callers.username(ctx);
        String own = Callers.customer(ctx);
        vertx.executeBlocking(
                        () -> manageable(username, own) && tenancy.users().reset(username, password, admin), false)
                .onSuccess(done -> {
                    if (done) {
                        tenancy.logins().succeeded(username);
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 404, "no user named " + username);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleChangeOwn(RoutingContext ctx) {
        if (Callers.viaToken(ctx)) {
            Replies.error(ctx, 403, "sign in with a password to change it");
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null
                || !body.path("current").isTextual()
                || !body.path("password").isTextual()) {
            Replies.error(ctx, 400, "send {\"current\": \"…\", \"password\": \"the new one\"} as JSON");
            return;
        }
        String username = Callers.username(ctx);
        String address = ctx.request().remoteAddress() == null
                ? null
                : ctx.request().remoteAddress().host();
        Optional<Duration> wait = tenancy.logins().check("http", username, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            Replies.error(ctx, 429, "too many wrong passwords; try again in " + seconds + " s");
            return;
        }
        String current = body.get("current").asText();
        String next = body.get("password").asText();
        vertx.executeBlocking(
                        () -> {
                            UserAdmin.Changed r = tenancy.users().changeOwn(username, current, next);
                            if (r == UserAdmin.Changed.WRONG_CURRENT) {
                                tenancy.logins().failed("http", username, address);
                            }
                            return r;
                        },
                        false)
                .onSuccess(r -> {
                    if (r == UserAdmin.Changed.DONE) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 403, "the current password is wrong");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    /** Blocking. A customer's admin sees the users of other customers and of the MSP as nonexistent. */
    private boolean manageable(String username, String ownCustomer) {
        Optional<UserRow> user = tenancy.users().find(username);
        return user.isPresent()
                && (ownCustomer == null
                        || Objects.equals(ownCustomer, user.get().customer()));
    }

    private static ObjectNode json(UserRow u) {
        return Json.object()
                .put("username", u.username())
                .put("role", u.role())
                .put("customer", u.customer())
                .put("created_at", u.createdAt().toString());
    }
}
