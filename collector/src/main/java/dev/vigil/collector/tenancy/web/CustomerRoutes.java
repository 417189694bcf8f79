package dev.vigil.collector.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Replies;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.state.SiteView;
import dev.vigil.collector.tenancy.Customers;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Customers (MSP staff only) and which customer a site belongs to. */
final class CustomerRoutes {
    private final Vertx vertx;
    private final Tenancy tenancy;
    private final SiteProjection projection;

    CustomerRoutes(Vertx vertx, Tenancy tenancy, SiteProjection projection) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.projection = projection;
    }

    void mount(Router router) {
        router.get("/api/customers").handler(this::handleList);
        router.post("/api/customers").handler(this::handleCreate);
        router.delete("/api/customers/:name").handler(this::handleDelete);
        router.put("/api/sites/:site/customer").handler(this::handleAssign);
    }

    private void handleList(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        vertx.executeBlocking(() -> tenancy.customers().list(), false)
                .onSuccess(list -> {
                    ObjectNode body = Json.object();
                    ArrayNode out = body.putArray("customers");
                    for (var c : list) {
                        ArrayNode sites = Json.array();
                        projection.all().stream()
                                .map(SiteView::site)
                                .filter(s -> c.name()
                                        .equals(tenancy.owners().customerOf(s).orElse(null)))
                                .sorted()
                                .forEach(sites::add);
                        out.addObject()
                                .put("name", c.name())
                                .put("created_at", c.createdAt().toString())
                                .set("sites", sites);
                    }
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleCreate(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null || !body.path("name").isTextual()) {
            Replies.error(ctx, 400, "send {\"name\": \"…\"} as JSON");
            return;
        }
        String name = body.get("name").asText();
        vertx.executeBlocking(() -> tenancy.customers().create(name), false)
                .onSuccess(created -> {
                    if (created) {
                        Audits.ok(ctx, "customer.created", null, "customer " + name, Audits.with("customer", name));
                        Replies.json(ctx, 201, Json.object().put("name", name));
                    } else {
                        Replies.error(ctx, 409, "customer " + name + " exists already");
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDelete(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> tenancy.customers().delete(name), false)
                .onSuccess(result -> {
                    if (result == Customers.Deleted.DONE) {
                        Audits.ok(ctx, "customer.deleted", null, "customer " + name, Audits.with("customer", name));
                        ctx.response().setStatusCode(204).end();
                    } else if (result == Customers.Deleted.IN_USE) {
                        Replies.error(ctx, 409, "customer " + name + " still has sites or users; move or delete them");
                    } else {
                        Replies.error(ctx, 404, "no customer named " + name);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleAssign(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.ADMIN)) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        if (body == null || !body.has("customer") || !JsonBodies.optionalText(body, "customer")) {
            Replies.error(ctx, 400, "send {\"customer\": \"…\"} (or null for the MSP's own) as JSON");
            return;
        }
        String site = ctx.pathParam("site");
        String customer = JsonBodies.textOrNull(body, "customer");
        vertx.executeBlocking(() -> tenancy.customers().assignSite(site, customer), false)
                .onSuccess(found -> {
                    if (found) {
                        Audits.ok(
                                ctx,
                                "site.assigned",
                                site,
                                "site assigned to " + (customer == null ? "the MSP" : customer));
                        Replies.json(ctx, 200, Json.object().put("site", site).put("customer", customer));
                    } else {
                        Replies.noSuchSite(ctx, site);
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }
}
