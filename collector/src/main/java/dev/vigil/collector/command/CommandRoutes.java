package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Predicate;

/** {@code /api/sites/{site}/commands}, {@code /api/commands/{id}} and {@code /api/command-key} (docs/api.md). */
final class CommandRoutes implements ApiModule {
    static final int MIN_EXPIRY_S = 10;
    static final int MAX_EXPIRY_S = 86_400;
    static final int DEFAULT_EXPIRY_S = 900;
    static final int MAX_ARGS_CHARS = 2048;
    private static final String USAGE = "send {\"action\": \"…\", \"args\": {…}, \"expires_in_s\": " + MIN_EXPIRY_S
            + "…" + MAX_EXPIRY_S + "} as JSON (args and expires_in_s are optional)";

    private final Vertx vertx;
    private final CommandService commands;
    private final Predicate<String> knownSite;

    CommandRoutes(Vertx vertx, CommandService commands, Predicate<String> knownSite) {
        this.vertx = vertx;
        this.commands = commands;
        this.knownSite = knownSite;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/sites/:site/commands").handler(this::handleSend);
        router.get("/api/sites/:site/commands").handler(this::handleList);
        router.get("/api/commands/:id").handler(this::handleOne);
        router.get("/api/command-key").handler(this::handleKey);
    }

    private void handleSend(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return;
        }
        String site = ctx.pathParam("site");
        JsonNode body = body(ctx);
        if (body == null || !body.path("action").isTextual()) {
            Replies.error(ctx, 400, USAGE);
            return;
        }
        JsonNode expires = body.path("expires_in_s");
        if (!expires.isMissingNode()
                && (!expires.isIntegralNumber()
                        || expires.asLong() < MIN_EXPIRY_S
                        || expires.asLong() > MAX_EXPIRY_S)) {
            Replies.error(
                    ctx,
                    400,
                    "expires_in_s must be a whole number of seconds from " + MIN_EXPIRY_S + " to " + MAX_EXPIRY_S);
            return;
        }
        JsonNode args = body.path("args");
        if (!args.isMissingNode() && args.toString().length() > MAX_ARGS_CHARS) {
            Replies.error(ctx, 400, "args are too large: at most " + MAX_ARGS_CHARS + " characters of JSON");
            return;
        }
        String action = body.get("action").asText();
        String issuer = Callers.actor(ctx);
        Duration expiresIn = Duration.ofSeconds(expires.asLong(DEFAULT_EXPIRY_S));
        if (!visible(ctx, site)) {
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            if (!knownSite.test(site)) {
                                return null;
                            }
                            return commands.send(site, action, args.isMissingNode() ? null : args, expiresIn, issuer);
                        },
                        false)
                .onSuccess(sent -> {
                    if (sent == null) {
                        Replies.noSuchSite(ctx, site);
                        return;
                    }
                    ctx.response().putHeader("Location", "/api/commands/" + sent.id());
                    Replies.json(ctx, 202, CommandViews.api(sent));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleList(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        int limit;
        try {
            limit = Params.integer(ctx, "limit", 20, 1, 200);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (!visible(ctx, site)) {
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            if (!knownSite.test(site)) {
                                return null;
                            }
                            commands.expireDue();
                            ObjectNode body = Json.object();
                            ArrayNode list = body.putArray("commands");
                            commands.recent(site, limit).forEach(c -> list.add(CommandViews.api(c)));
                            body.set(
                                    "last_drill",
                                    commands.lastDrill(site)
                                            .map(CommandRoutes::drillSummary)
                                            .orElse(null));
                            return body;
                        },
                        false)
                .onSuccess(body -> {
                    if (body == null) {
                        Replies.noSuchSite(ctx, site);
                    } else {
                        Replies.json(ctx, 200, body);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private static ObjectNode drillSummary(CommandRecord c) {
        ObjectNode n = c.drill().deepCopy();
        n.put("command_id", c.id()).put("issued_at", c.issuedAt().toString()).put("issuer", c.issuer());
        return n;
    }

    private void handleOne(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        vertx.executeBlocking(
                        () -> {
                            commands.expireDue();
                            return commands.find(id);
                        },
                        false)
                .onSuccess(found -> {
                    if (found.isEmpty() || !Callers.canSee(ctx, found.get().site())) {
                        Replies.error(ctx, 404, "no command with id " + id);
                    } else {
                        Replies.json(ctx, 200, CommandViews.api(found.get()));
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleKey(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return;
        }
        Replies.json(
                ctx,
                200,
                Json.object()
                        .put("algorithm", "Ed25519")
                        .put("public_key", commands.key().publicKeyText()));
    }

    private static boolean visible(RoutingContext ctx, String site) {
        if (!Topics.isSiteId(site) || !Callers.canSee(ctx, site)) {
            Replies.noSuchSite(ctx, site);
            return false;
        }
        return true;
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            String text = ctx.body().asString();
            JsonNode n =
                    text == null || text.isBlank() ? null : WireCodec.mapper().readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
