package dev.vigil.collector.http;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.alerts.AlertMarks;
import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.tenancy.Tenancy;
import java.time.Clock;
import java.util.List;

/** What the HTTP API reads and changes. */
public record ApiDeps(
        Directory directory,
        Stores stores,
        SiteProjection projection,
        AlertEngine alerts,
        LiveUpdates live,
        Counters counters,
        Clock clock,
        List<ApiModule> modules,
        Tenancy tenancy,
        AlertMarks marks,
        AuditTrail audit) {

    public ApiDeps {
        modules = List.copyOf(modules);
    }
}
