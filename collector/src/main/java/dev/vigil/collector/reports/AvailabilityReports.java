package dev.vigil.collector.reports;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.DirectoryStore;
import dev.vigil.collector.store.StateChangeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** Availability of sites over a range, computed from stored events on a worker (never on an event loop). */
public final class AvailabilityReports {
    private final Vertx vertx;
    private final StateChangeStore store;
    private final SiteProjection projection;
    private final MaintenanceCalendar maintenance;
    private final DirectoryStore directory;

    /** A report asked about a site the collector does not know. */
    public static final class UnknownSiteException extends RuntimeException {
        UnknownSiteException(String site) {
            super(message(site), null, false, false);
        }

        static String message(String site) {
            return "no such site: " + site;
        }
    }

    public AvailabilityReports(
            Vertx vertx,
            StateChangeStore store,
            DirectoryStore directory,
            SiteProjection projection,
            MaintenanceCalendar maintenance) {
        this.vertx = vertx;
        this.store = store;
        this.directory = directory;
        this.projection = projection;
        this.maintenance = maintenance;
    }

    /** Fails with {@link UnknownSiteException} when a site is neither live nor in the directory. */
    public Future<List<SiteAvailability>> sites(List<String> sites, ReportRange range) {
        return vertx.executeBlocking(
                () -> {
                    List<SiteAvailability> out = new ArrayList<>(sites.size());
                    for (String site : sites) {
                        if (projection.get(site).isEmpty()
                                && directory.site(site).isEmpty()) {
                            throw new UnknownSiteException(site);
                        }
                        out.add(site(site, range));
                    }
                    return out;
                },
                false);
    }

    /** Blocking: one site, for the benchmark and the worker above. */
    public SiteAvailability site(String site, ReportRange range) {
        return AvailabilityCalculator.compute(
                site,
                range,
                store.between(site, range.from(), range.to()),
                maintenance.windows(site, range.from(), range.to()),
                group -> projection.usualMaster(site, group),
                store.everStored(site));
    }
}
