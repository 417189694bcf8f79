package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.alerts.AlertEngine.AckResult;
import dev.vigil.collector.alerts.AlertViews;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Listing and acknowledging alerts. Unresolved alerts come from the engine (current), resolved ones from the store. */
final class AlertRoutes {
    private static final int MAX_RESOLVED = 500;
    private static final Set<String> STATES = Set.of(AlertRecord.OPEN, AlertRecord.ACKNOWLEDGED, AlertRecord.RESOLVED);
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    private final Vertx vertx;
    private final ApiDeps deps;

    AlertRoutes(Vertx vertx, ApiDeps deps) {
        this.vertx = vertx;
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/alerts").handler(this::handleList);
        router.post("/api/alerts/:id/ack").handler(this::handleAck);
    }

    private void handleList(RoutingContext ctx) {
        String state;
        String severity;
        try {
            state = Params.oneOf(ctx, "state", STATES);
            severity = Params.oneOf(ctx, "severity", SEVERITIES);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        String site = Params.text(ctx, "site");
        CallerScope scope = AuthRoutes.scope(ctx);
        List<AlertRecord> found = new ArrayList<>();
        if (!AlertRecord.RESOLVED.equals(state)) {
            deps.alerts().allUnresolved().stream()
                    .filter(a -> scope.canSee(a.site()))
                    .filter(a -> state == null || a.state().equals(state))
                    .filter(a -> site == null || a.site().equals(site))
                    .filter(a -> severity == null || a.severity().wireName().equals(severity))
                    .forEach(found::add);
        }
        if (state != null && !AlertRecord.RESOLVED.equals(state)) {
            reply(ctx, found);
            return;
        }
        vertx.executeBlocking(
                        () -> deps.stores().alerts().list(AlertRecord.RESOLVED, site, severity, MAX_RESOLVED), false)
                .onSuccess(resolved -> {
                    resolved.stream().filter(a -> scope.canSee(a.site())).forEach(found::add);
                    reply(ctx, found);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void reply(RoutingContext ctx, List<AlertRecord> alerts) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("alerts");
        alerts.stream()
                .sorted(Comparator.comparing(AlertRecord::updatedAt).reversed())
                .forEach(a -> {
                    String mutedBy = a.resolved() ? null : deps.marks().mutedBy(a.id());
                    list.add(AlertViews.api(a).put("muted", mutedBy != null).put("muted_by", mutedBy));
                });
        Replies.json(ctx, 200, body);
    }

    private void handleAck(RoutingContext ctx) {
        if (!AuthRoutes.require(ctx, Role.OPERATOR)) {
            return;
        }
        String id = ctx.pathParam("id");
        String user = AuthRoutes.session(ctx).username();
        CallerScope scope = AuthRoutes.scope(ctx);
        if (scope.customer() != null
                && deps.alerts().allUnresolved().stream().noneMatch(a -> a.id().equals(id) && scope.canSee(a.site()))) {
            // resolved alerts cannot be acknowledged anyway; a customer learns nothing of other customers' ids
            Replies.error(ctx, 404, "no alert with id " + id);
            return;
        }
        vertx.executeBlocking(() -> deps.alerts().acknowledge(id, user), false)
                .onSuccess(result -> {
                    if (result instanceof AckResult.Done done) {
                        Audits.ok(
                                ctx,
                                "alert.acknowledged",
                                done.alert().site(),
                                "acknowledged alert " + id,
                                Audits.with("alert", id));
                        Replies.json(ctx, 200, AlertViews.api(done.alert()));
                    } else if (result instanceof AckResult.AlreadyResolved) {
                        Replies.error(ctx, 409, "alert " + id + " is resolved already");
                    } else {
                        Replies.error(ctx, 404, "no alert with id " + id);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }
}
