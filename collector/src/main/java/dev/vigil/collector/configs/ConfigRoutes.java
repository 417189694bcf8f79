package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import dev.vigil.protocol.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The configuration history of a site's routers (docs/config-history.md), read-only. Operators and admins of the MSP
 * and of the site's customer may read it; viewers get 403 (an export shows the network's addressing and firewall
 * rules, more than a status screen needs). A site the caller cannot see answers 404 like one that does not exist.
 */
final class ConfigRoutes implements ApiModule {
    private static final String PLAIN = "text/plain; charset=utf-8";

    private final Vertx vertx;
    private final ConfigStore store;
    private final Predicate<String> knownSite;

    ConfigRoutes(Vertx vertx, ConfigStore store, Predicate<String> knownSite) {
        this.vertx = vertx;
        this.store = store;
        this.knownSite = knownSite;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/sites/:site/configs").handler(this::handleRouters);
        router.get("/api/sites/:site/configs/:router/diff").handler(this::handleDiff);
        router.get("/api/sites/:site/configs/:router/:version").handler(this::handleText);
        router.get("/api/sites/:site/configs/:router").handler(this::handleVersions);
    }

    private boolean allowed(RoutingContext ctx, String site) {
        if (!Callers.require(ctx, Role.OPERATOR)) {
            return false;
        }
        if (!knownSite.test(site) || !Callers.canSee(ctx, site)) {
            Replies.noSuchSite(ctx, site);
            return false;
        }
        return true;
    }

    private void handleRouters(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        if (!allowed(ctx, site)) {
            return;
        }
        vertx.executeBlocking(() -> store.routers(site), false)
                .onSuccess(routers -> {
                    ObjectNode body = Json.object().put("site", site);
                    ArrayNode list = body.putArray("routers");
                    for (RouterHistory r : routers) {
                        list.addObject()
                                .put("router", r.router())
                                .put("versions", r.versions())
                                .set("latest", json(r.latest()));
                    }
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleVersions(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        String router = ctx.pathParam("router");
        if (!allowed(ctx, site)) {
            return;
        }
        vertx.executeBlocking(() -> store.versions(site, router), false)
                .onSuccess(versions -> {
                    if (versions.isEmpty()) {
                        Replies.error(ctx, 404, noRouter(site, router));
                        return;
                    }
                    ObjectNode body = Json.object().put("site", site).put("router", router);
                    ArrayNode list = body.putArray("versions");
                    versions.forEach(v -> list.add(json(v)));
                    Replies.json(ctx, 200, body);
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleText(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        String router = ctx.pathParam("router");
        if (!allowed(ctx, site)) {
            return;
        }
        int version;
        try {
            version = versionId(ctx.pathParam("version"), "the version");
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> store.text(site, router, version), false)
                .onSuccess(text -> {
                    if (text.isEmpty()) {
                        Replies.error(ctx, 404, noVersion(site, router, version));
                    } else {
                        plain(ctx, text.get());
                    }
                })
                .onFailure(t -> Replies.failure(ctx, t));
    }

    private void handleDiff(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        String router = ctx.pathParam("router");
        if (!allowed(ctx, site)) {
            return;
        }
        int from;
        int to;
        boolean json;
        try {
            from = versionId(ctx.request().getParam("from"), "from");
            to = versionId(ctx.request().getParam("to"), "to");
            json = "json".equals(Params.oneOf(ctx, "format", Set.of("unified", "json")));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            String a = store.text(site, router, from)
                                    .orElseThrow(() -> new NoSuchElementException(noVersion(site, router, from)));
                            String b = store.text(site, router, to)
                                    .orElseThrow(() -> new NoSuchElementException(noVersion(site, router, to)));
                            return ConfigDiff.of(router + " version " + from, a, router + " version " + to, b);
                        },
                        false)
                .onSuccess(diff -> {
                    if (json) {
                        Replies.json(
                                ctx,
                                200,
                                diff.json()
                                        .put("router", router)
                                        .put("from", from)
                                        .put("to", to));
                    } else {
                        plain(ctx, diff.text());
                    }
                })
                .onFailure(t -> {
                    if (t instanceof NoSuchElementException) {
                        Replies.error(ctx, 404, t.getMessage());
                    } else {
                        Replies.failure(ctx, t);
                    }
                });
    }

    private static int versionId(String text, String name) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing: give a version number such as 3");
        }
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException(
                    name + " must be a version number such as 3, not '" + abbreviate(text) + "'");
        }
        return Integer.parseInt(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    private static String noRouter(String site, String router) {
        return "no configuration stored for router " + router + " of site " + site;
    }

    private static String noVersion(String site, String router, int version) {
        return "no configuration version " + version + " for router " + router + " of site " + site;
    }

    private static void plain(RoutingContext ctx, String text) {
        ctx.response()
                .setStatusCode(200)
                .putHeader("Content-Type", PLAIN)
                .putHeader("Cache-Control", "no-store")
                .end(text);
    }

    private static ObjectNode json(ConfigVersion v) {
        return Json.object()
                .put("id", v.id())
                .put("sha256", v.sha256())
                .put("bytes", v.bytes())
                .put("created_at", v.createdAt().toString())
                .put("last_confirmed_at", v.lastConfirmedAt().toString());
    }
}
