package dev.vigil.collector.notify.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.ack.AckRoutes;
import dev.vigil.collector.notify.maintenance.MaintenanceBook;
import dev.vigil.collector.notify.maintenance.MaintenanceCalendar;
import dev.vigil.collector.notify.maintenance.MaintenanceWindow;
import dev.vigil.collector.notify.maintenance.WindowJson;
import dev.vigil.collector.notify.routing.RoutingRule;
import dev.vigil.collector.notify.routing.RuleBook;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The notification policy's API (docs/api.md, "Notification policy"): routing rules, maintenance windows, snoozes,
 * the maintenance log, the muted alerts; plus the public ack link of {@link AckRoutes}.
 */
final class NotifyRoutes implements ApiModule {
    private static final int LOG_LIMIT = 500;

    private final RuleBook rules;
    private final MaintenanceBook maintenance;
    private final ChannelDirectory channels;
    private final NotifyPolicy policy;
    private final AckRoutes ack;
    private final Function<String, Optional<String>> alertSite;
    private final Clock clock;
    private final EventIds ids;

    NotifyRoutes(
            RuleBook rules,
            MaintenanceBook maintenance,
            ChannelDirectory channels,
            NotifyPolicy policy,
            AckRoutes ack,
            Function<String, Optional<String>> alertSite,
            Clock clock) {
        this.rules = rules;
        this.maintenance = maintenance;
        this.channels = channels;
        this.policy = policy;
        this.ack = ack;
        this.alertSite = alertSite;
        this.clock = clock;
        this.ids = new EventIds(clock);
    }

    @Override
    public void mountPublic(Router router) {
        ack.mountPublic(router);
    }

    @Override
    public void mount(Router router) {
        router.get("/api/notify/rules").handler(this::handleListRules);
        router.post("/api/notify/rules").handler(this::handleAddRule);
        router.delete("/api/notify/rules/:id").handler(this::handleDeleteRule);
        router.get("/api/notify/muted").handler(this::handleMuted);
        router.get("/api/maintenance").handler(this::handleListWindows);
        router.post("/api/maintenance").handler(this::handleAddWindow);
        router.get("/api/maintenance/log").handler(this::handleLog);
        router.delete("/api/maintenance/:id").handler(this::handleDeleteWindow);
        router.post("/api/snooze").handler(this::handleSnooze);
    }

    private void handleListRules(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("rules");
        rules.all().forEach(r -> list.add(r.toJson()));
        body.put("default_route", rules.all().isEmpty());
        Replies.json(ctx, 200, body);
    }

    private void handleAddRule(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        RoutingRule rule;
        try {
            rule = RoutingRule.fromJson(
                    "r" + ids.next(), parse(ctx), id -> channels.byId(id).isPresent());
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> rules.add(rule), false)
                .onSuccess(r -> {
                    Audits.ok(
                            ctx,
                            "rule.created",
                            null,
                            "routing rule " + r.id(),
                            Json.object().set("rule", r.toJson()));
                    Replies.json(ctx, 201, r.toJson());
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDeleteRule(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        String id = ctx.pathParam("id");
        ctx.vertx()
                .executeBlocking(() -> rules.remove(id), false)
                .onSuccess(found -> {
                    if (found) {
                        Audits.ok(ctx, "rule.deleted", null, "routing rule " + id);
                        Replies.json(ctx, 200, Json.object().put("deleted", id));
                    } else {
                        Replies.error(ctx, 404, "no routing rule with id " + id);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleMuted(RoutingContext ctx) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("muted");
        for (Map.Entry<String, String> e : policy.muted().entrySet()) {
            if (!alertVisible(ctx, e.getKey())) {
                continue;
            }
            list.add(Json.object().put("alert", e.getKey()).put("muted_by", e.getValue()));
        }
        Replies.json(ctx, 200, body);
    }

    private void handleListWindows(RoutingContext ctx) {
        String site = Params.text(ctx, "site");
        Instant from;
        Instant to;
        try {
            from = Params.time(ctx, "from");
            to = Params.time(ctx, "to");
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        if (site != null && !Callers.canSee(ctx, site)) {
            Replies.noSuchSite(ctx, site);
            return;
        }
        ObjectNode body = Json.object();
        if (site != null) {
            Instant f = from != null ? from : clock.instant().minus(30, ChronoUnit.DAYS);
            Instant t = to != null ? to : clock.instant().plus(30, ChronoUnit.DAYS);
            if (!t.isAfter(f)) {
                Replies.error(ctx, 400, "to must be after from");
                return;
            }
            ArrayNode spans = body.putArray("spans");
            for (MaintenanceCalendar.Span s : maintenance.windows(site, f, t)) {
                spans.add(Json.object()
                        .put("window", s.windowId())
                        .put("from", s.from().toString())
                        .put("to", s.to().toString())
                        .put("reason", s.reason()));
            }
        }
        ArrayNode list = body.putArray("windows");
        Instant now = clock.instant();
        for (MaintenanceWindow w : maintenance.all()) {
            if (!visible(ctx, w)) {
                continue;
            }
            list.add(WindowJson.toJson(w).put("active", w.activeAt(now)));
        }
        Replies.json(ctx, 200, body);
    }

    private void handleAddWindow(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return;
        }
        MaintenanceWindow w;
        try {
            w = WindowJson.maintenance("m" + maintenance.newId(), parse(ctx), Callers.username(ctx));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        addWindow(ctx, w);
    }

    private void handleSnooze(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return;
        }
        MaintenanceWindow w;
        try {
            w = WindowJson.snooze("s" + maintenance.newId(), parse(ctx), Callers.username(ctx), clock.instant());
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        addWindow(ctx, w);
    }

    private void addWindow(RoutingContext ctx, MaintenanceWindow w) {
        if (Callers.customer(ctx) != null && (w.all() || !w.tags().isEmpty())) {
            Replies.error(ctx, 403, "windows over tags or all sites need MSP staff; name your sites instead");
            return;
        }
        if (!visible(ctx, w)) {
            Replies.error(
                    ctx,
                    404,
                    w.alertId() != null
                            ? "no open alert with id " + w.alertId()
                            : "no site named " + hiddenSite(ctx, w));
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> maintenance.add(w), false)
                .onSuccess(added -> {
                    WindowAudit.added(ctx, added, alertSite);
                    Replies.json(ctx, 201, WindowJson.toJson(added).put("active", added.activeAt(clock.instant())));
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDeleteWindow(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return;
        }
        String id = ctx.pathParam("id");
        boolean hidden = maintenance.all().stream().anyMatch(w -> w.id().equals(id) && !visible(ctx, w));
        if (hidden) {
            Replies.error(ctx, 404, "no maintenance window or snooze with id " + id);
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> maintenance.remove(id), false)
                .onSuccess((Optional<MaintenanceWindow> found) -> {
                    if (found.isPresent()) {
                        WindowAudit.removed(ctx, found.get(), clock.instant(), alertSite);
                        Replies.json(ctx, 200, Json.object().put("deleted", id));
                    } else {
                        Replies.error(ctx, 404, "no maintenance window or snooze with id " + id);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleLog(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        int limit;
        try {
            limit = Params.integer(ctx, "limit", 100, 1, LOG_LIMIT);
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> maintenance.log(limit), false)
                .onSuccess(entries -> {
                    ObjectNode body = Json.object();
                    ArrayNode list = body.putArray("log");
                    entries.forEach(e -> list.add(Json.object()
                            .put("id", e.id())
                            .put("at", e.at().toString())
                            .put("event", e.event())
                            .put("window", e.windowId())
                            .put("kind", e.kind())
                            .put("detail", e.detail())));
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    /** MSP staff see every window; a customer's user only those of their own sites (see {@link WindowScope}). */
    private boolean visible(RoutingContext ctx, MaintenanceWindow w) {
        return Callers.customer(ctx) == null || WindowScope.visible(w, site -> Callers.canSee(ctx, site), alertSite);
    }

    /** MSP staff see every alert; a customer's user the open alerts of their own sites. */
    private boolean alertVisible(RoutingContext ctx, String alertId) {
        return Callers.customer(ctx) == null
                || alertSite
                        .apply(alertId)
                        .filter(site -> Callers.canSee(ctx, site))
                        .isPresent();
    }

    private static String hiddenSite(RoutingContext ctx, MaintenanceWindow w) {
        return w.sites().stream()
                .filter(site -> !Callers.canSee(ctx, site))
                .findFirst()
                .orElse("");
    }

    private static JsonNode parse(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("send a JSON object");
        }
        try {
            return WireCodec.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }
}
