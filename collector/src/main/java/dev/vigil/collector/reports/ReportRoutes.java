package dev.vigil.collector.reports;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.http.Params;
import dev.vigil.collector.http.Replies;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/reports/availability} (docs/api.md, docs/reports.md). A customer's user gets reports of their own
 * sites and customer only; anything else answers 404 like a site or customer that does not exist.
 */
public final class ReportRoutes implements ApiModule {
    private static final String NO_CUSTOMER = "no such customer: ";

    private final AvailabilityReports reports;
    private final CustomerSites customers;
    private final Clock clock;

    public ReportRoutes(AvailabilityReports reports, CustomerSites customers, Clock clock) {
        this.reports = reports;
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/reports/availability").handler(this::handleAvailability);
    }

    private void handleAvailability(RoutingContext ctx) {
        if (!Callers.require(ctx, Role.VIEWER)) {
            return;
        }
        ReportRange range;
        String format;
        String site = Params.text(ctx, "site");
        String customer = Params.text(ctx, "customer");
        try {
            format = Params.oneOf(ctx, "format", Set.of("json", "csv"));
            range = ReportRange.of(
                    Params.text(ctx, "month"), Params.time(ctx, "from"), Params.time(ctx, "to"), clock.instant());
            if ((site == null) == (customer == null)) {
                throw new IllegalArgumentException("give exactly one of site and customer");
            }
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        List<String> sites;
        if (site != null) {
            if (!Callers.canSee(ctx, site)) {
                Replies.error(ctx, 404, AvailabilityReports.UnknownSiteException.message(site));
                return;
            }
            sites = List.of(site);
        } else if (Callers.customer(ctx) != null && !Callers.customer(ctx).equals(customer)) {
            Replies.error(ctx, 404, NO_CUSTOMER + customer);
            return;
        } else if (!customers.configured()) {
            Replies.error(ctx, 400, "customers are not configured on this collector: ask for a site instead");
            return;
        } else {
            sites = customers.sitesOf(customer).orElse(null);
            if (sites == null) {
                Replies.error(ctx, 404, NO_CUSTOMER + customer);
                return;
            }
        }
        boolean csv = "csv".equals(format);
        reports.sites(sites, range)
                .onSuccess(list -> {
                    if (csv) {
                        ctx.response()
                                .setStatusCode(200)
                                .putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"availability.csv\"")
                                .putHeader("Cache-Control", "no-store")
                                .end(ReportFormats.csv(list));
                    } else {
                        Replies.json(ctx, 200, ReportFormats.json(range, customer, list));
                    }
                })
                .onFailure(t -> {
                    if (t instanceof AvailabilityReports.UnknownSiteException) {
                        Replies.error(ctx, 404, t.getMessage());
                    } else {
                        Replies.failure(ctx, t);
                    }
                });
    }
}
