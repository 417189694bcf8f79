package dev.vigil.collector.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Replies;
import dev.vigil.protocol.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/cluster[?site=]}: which partitions this collector owns, how far it has read the shared feed, and
 * whether it runs the rules of a site. MSP staff only: it names sites of every customer.
 */
public final class ClusterRoutes implements ApiModule {
    private final String member;
    private final ClusterReactor reactor;

    /** @param reactor null when this collector runs alone */
    public ClusterRoutes(String member, ClusterReactor reactor) {
        this.member = member;
        this.reactor = reactor;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/cluster").handler(this::handleCluster);
    }

    private void handleCluster(RoutingContext ctx) {
        if (!Callers.requireStaff(ctx, Role.VIEWER)) {
            return;
        }
        if (reactor == null) {
            Replies.error(
                    ctx,
                    404,
                    "this collector runs alone (several collectors need --broker and a PostgreSQL" + " --db-url)");
            return;
        }
        ObjectNode body = Json.object()
                .put("member", member)
                .put("partitions", Partitions.COUNT)
                .put("position", reactor.position());
        reactor.owned().stream().sorted().forEach(body.putArray("owned")::add);
        String site = ctx.request().getParam("site");
        if (site != null) {
            body.put("site_partition", Partitions.of(site)).put("owns_site", reactor.owns(site));
        }
        Replies.json(ctx, 200, body);
    }
}
