package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/** {@code /api/channels} and {@code /api/deliveries}, MSP staff only (docs/security.md); see docs/api.md. */
final class ChannelsApi implements ApiModule {
    /** Longer than a sender's connect (10 s) plus request (15 s) timeouts, so the reply carries the real outcome. */
    static final long TEST_WAIT_S = 40;

    private final Channels channels;

    ChannelsApi(Channels channels) {
        this.channels = channels;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/channels").handler(this::handleList);
        router.post("/api/channels").handler(this::handleAdd);
        router.delete("/api/channels/:id").handler(this::handleDelete);
        router.post("/api/channels/:id/test").handler(this::handleTest);
        router.get("/api/deliveries").handler(this::handleDeliveries);
    }

    private void handleList(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("channels");
        channels.registry()
                .lives()
                .forEach(c ->
                        list.add(ChannelViews.channel(c, channels.health(c.ref().id()))));
        Replies.json(ctx, 200, body);
    }

    private void handleAdd(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        ChannelSpec spec;
        try {
            spec = ChannelSpec.fromJson(body(ctx));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (channels.registry().lives().stream().anyMatch(c -> c.ref().name().equals(spec.name()))) {
            Replies.error(ctx, 409, "a channel named '" + spec.name() + "' exists already");
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> channels.add(spec), false)
                .onSuccess(c -> {
                    Audits.ok(
                            ctx,
                            "channel.added",
                            null,
                            "channel " + c.ref().name() + " (" + c.ref().scheme() + ")",
                            ChannelAudit.of(c));
                    Replies.json(
                            ctx,
                            201,
                            ChannelViews.channel(c, channels.health(c.ref().id())));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDelete(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        String id = ctx.pathParam("id");
        ctx.vertx()
                .executeBlocking(() -> channels.delete(id), false)
                .onSuccess(found -> {
                    if (found) {
                        Audits.ok(ctx, "channel.deleted", null, "channel " + id, Audits.with("channel", id));
                        ctx.response().setStatusCode(204).end();
                    } else {
                        Replies.error(ctx, 404, "no channel with id " + id);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleTest(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.OPERATOR)) {
            return;
        }
        String id = ctx.pathParam("id");
        var pending = channels.test(id, Callers.username(ctx));
        if (pending.isEmpty()) {
            Replies.error(ctx, 404, "no channel with id " + id);
            return;
        }
        Audits.ok(ctx, "channel.tested", null, "test notification to channel " + id, Audits.with("channel", id));
        Future.fromCompletionStage(
                        pending.get().orTimeout(TEST_WAIT_S, TimeUnit.SECONDS),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(a -> Replies.json(ctx, 200, ChannelViews.testResult(a)))
                .onFailure(t -> Replies.error(
                        ctx, 504, "the channel made no attempt within " + TEST_WAIT_S + " s (its queue is busy)"));
    }

    private void handleDeliveries(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        int limit;
        try {
            limit = Params.integer(ctx, "limit", 100, 1, 1000);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        String alert = Params.text(ctx, "alert");
        String channel = Params.text(ctx, "channel");
        ctx.vertx()
                .executeBlocking(() -> channels.stores().deliveries().list(alert, channel, limit), false)
                .onSuccess(list -> {
                    ObjectNode body = Json.object();
                    ArrayNode out = body.putArray("deliveries");
                    list.forEach(d -> out.add(ChannelViews.delivery(d)));
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            String text = ctx.body().asString();
            return text == null || text.isBlank() ? null : WireCodec.mapper().readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
