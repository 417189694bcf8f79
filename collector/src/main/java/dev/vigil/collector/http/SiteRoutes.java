package dev.vigil.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.state.SiteView;
import dev.vigil.collector.store.EventQuery;
import dev.vigil.collector.store.MetricPoint;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Topics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sites, a site's events and metrics, and creating a site. */
final class SiteRoutes {
    private static final Set<String> STATUSES = Set.of("offline", "down", "degraded", "failed_over", "ok", "unknown");

    private final Vertx vertx;
    private final ApiDeps deps;

    SiteRoutes(Vertx vertx, ApiDeps deps) {
        this.vertx = vertx;
        this.deps = deps;
    }

    void mount(Router router) {
        router.get("/api/sites").handler(this::handleList);
        router.post("/api/sites").handler(this::handleCreate);
        router.get("/api/sites/:site").handler(this::handleDetail);
        router.get("/api/sites/:site/events").handler(this::handleEvents);
        router.get("/api/sites/:site/metrics").handler(this::handleMetrics);
    }

    private void handleList(RoutingContext ctx) {
        String q = Params.text(ctx, "q");
        String tag = Params.text(ctx, "tag");
        String status;
        try {
            status = Params.oneOf(ctx, "status", STATUSES);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode sites = body.putArray("sites");
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        for (SiteView v : deps.projection().all()) {
            boolean match = (needle == null
                            || v.site().toLowerCase(Locale.ROOT).contains(needle)
                            || v.tags().stream()
                                    .anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle)))
                    && AuthRoutes.scope(ctx).canSee(v.site())
                    && (tag == null || v.tags().contains(tag))
                    && (status == null || v.statusKind().wireName().equals(status));
            if (match) {
                sites.add(SiteJson.summary(v));
            }
        }
        Replies.json(ctx, 200, body);
    }

    private void handleDetail(RoutingContext ctx) {
        deps.projection()
                .get(ctx.pathParam("site"))
                .filter(v -> AuthRoutes.scope(ctx).canSee(v.site()))
                .ifPresentOrElse(
                        v -> Replies.json(ctx, 200, SiteJson.detail(v)),
                        () -> Replies.noSuchSite(ctx, ctx.pathParam("site")));
    }

    private void handleCreate(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        JsonNode body = AuthRoutes.parse(ctx);
        if (body == null
                || !body.path("site").isTextual()
                || !(body.path("customer").isMissingNode()
                        || body.path("customer").isNull()
                        || body.path("customer").isTextual())) {
            Replies.error(ctx, 400, "send {\"site\": \"name\", \"tags\": [\"…\"], \"customer\": \"…\"} as JSON");
            return;
        }
        String customer =
                body.path("customer").isTextual() ? body.get("customer").asText() : null;
        String site = body.get("site").asText();
        List<String> tags = new ArrayList<>();
        for (JsonNode t : body.path("tags")) {
            if (!t.isTextual()) {
                Replies.error(ctx, 400, "tags must be strings");
                return;
            }
            tags.add(t.asText());
        }
        vertx.executeBlocking(() -> deps.tenancy().customers().addSite(site, tags, customer), false)
                .onSuccess(created -> {
                    if (created.isEmpty()) {
                        Replies.error(ctx, 409, "site " + site + " exists already");
                        return;
                    }
                    deps.projection().register(site, tags);
                    Audits.ok(ctx, "site.created", site, "site " + site + " created");
                    Replies.json(
                            ctx,
                            201,
                            Json.object()
                                    .put("site", created.get().site())
                                    .put("username", created.get().username())
                                    .put("password", created.get().password())
                                    .put("customer", customer));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleEvents(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        EventQuery query;
        try {
            String type = Params.text(ctx, "type");
            if (type != null && !type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?")) {
                throw new IllegalArgumentException("type must look like wan.down or vrrp.*");
            }
            String before = Params.text(ctx, "before");
            if (before != null && !EventIds.isValid(before)) {
                throw new IllegalArgumentException("before must be an event id (the 'next' of the previous page)");
            }
            query = new EventQuery(
                    site,
                    Params.time(ctx, "from"),
                    Params.time(ctx, "to"),
                    type,
                    Params.integer(ctx, "limit", 100, 1, EventQuery.MAX_LIMIT),
                    before);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (!knownSite(ctx, site)) {
            return;
        }
        vertx.executeBlocking(() -> deps.stores().events().find(query), false)
                .onSuccess(page -> {
                    StringBuilder json = new StringBuilder("{\"events\":[");
                    json.append(String.join(",", page.eventsJson())).append("],\"next\":");
                    json.append(page.next() == null ? "null" : "\"" + page.next() + "\"")
                            .append('}');
                    ctx.response()
                            .putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Cache-Control", "no-store")
                            .end(json.toString());
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleMetrics(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        Instant from;
        Instant to;
        String wan = Params.text(ctx, "wan");
        try {
            to = Params.time(ctx, "to");
            to = to == null ? deps.clock().instant() : to;
            from = Params.time(ctx, "from");
            from = from == null ? to.minus(Duration.ofHours(1)) : from;
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (!knownSite(ctx, site)) {
            return;
        }
        Instant f = from;
        Instant t = to;
        vertx.executeBlocking(() -> deps.stores().metrics().find(site, f, t, wan), false)
                .onSuccess(points -> Replies.json(ctx, 200, metrics(points)))
                .onFailure(e -> Replies.failure(ctx, e));
    }

    private static ObjectNode metrics(List<MetricPoint> points) {
        Map<String, ArrayNode> byWan = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            ObjectNode n = byWan.computeIfAbsent(p.wan(), w -> Json.array()).addObject();
            n.put("time", p.time().toString());
            n.put("rtt_ms", p.rttMs());
            n.put("loss_pct", p.lossPct());
            n.put("jitter_ms", p.jitterMs());
        }
        ObjectNode body = Json.object();
        ArrayNode wans = body.putArray("wans");
        byWan.forEach((name, pts) -> wans.addObject().put("name", name).set("points", pts));
        return body;
    }

    private boolean knownSite(RoutingContext ctx, String site) {
        if (!Topics.isSiteId(site)
                || deps.projection().get(site).isEmpty()
                || !AuthRoutes.scope(ctx).canSee(site)) {
            Replies.noSuchSite(ctx, site);
            return false;
        }
        return true;
    }
}
