package dev.vigil.collector.metrics;

import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: the Prometheus text of docs/metrics.md, built from the live site projection and the
 * collector's counters on every scrape (no login, like {@code /healthz}: keep the port behind the MSP's firewall). Not
 * scoped by customer: it names every site of every customer (docs/security.md).
 */
public final class MetricsEndpoint implements ApiModule {
    private final SiteProjection projection;
    private final Counters counters;
    private final VrrpTransitions transitions = new VrrpTransitions();

    public MetricsEndpoint(SiteProjection projection, Counters counters, LiveUpdates live) {
        this.projection = projection;
        this.counters = counters;
        transitions.subscribe(live);
    }

    @Override
    public void mountPublic(Router router) {
        router.get("/metrics").handler(this::handleMetrics);
    }

    @Override
    public void mount(Router router) {}

    /** The whole exposition, as a scrape gets it. */
    public String render() {
        Exposition out = new Exposition();
        SiteSeries.write(out, projection.all(), transitions.snapshot());
        OpsSeries.write(out, counters.snapshot());
        return out.text();
    }

    private void handleMetrics(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(200)
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(render());
    }
}
