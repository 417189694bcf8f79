package dev.vigil.collector.app;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.store.Snapshot;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/** Rebuilds the projection and the open alerts from the store at start-up (blocking). */
final class StateRestorer {
    private static final System.Logger LOG = System.getLogger(StateRestorer.class.getName());

    private final Stores stores;
    private final SiteProjection projection;
    private final AlertEngine alerts;
    private final WireCodec codec = new WireCodec();

    StateRestorer(Stores stores, SiteProjection projection, AlertEngine alerts) {
        this.stores = stores;
        this.projection = projection;
        this.alerts = alerts;
    }

    void restore() {
        stores.directory().sites().forEach(s -> projection.register(s.site(), s.tags()));
        stores.snapshots()
                .baselines()
                .forEach((site, groups) ->
                        groups.forEach((group, master) -> projection.learnUsualMaster(site, group, master)));
        int restored = 0;
        for (Snapshot s : stores.snapshots().all()) {
            if (s.payload().isEmpty()) {
                continue;
            }
            byte[] payload = s.payload().getBytes(StandardCharsets.UTF_8);
            try {
                if ("status".equals(s.kind())) {
                    SiteStatus status = codec.decode(PayloadKind.STATUS, payload);
                    projection.onStatus(status, s.updatedAt());
                } else if ("state".equals(s.kind())) {
                    SiteState state = codec.decode(PayloadKind.STATE, payload);
                    projection.onState(state, s.updatedAt());
                }
                restored++;
            } catch (PayloadRejectedException e) {
                LOG.log(
                        Level.WARNING,
                        "stored {0} of site {1} no longer validates: {2}",
                        s.kind(),
                        s.site(),
                        e.getMessage());
            }
        }
        alerts.restore();
        LOG.log(
                Level.INFO,
                "restored {0} sites, {1} snapshots, {2} unresolved alerts",
                projection.all().size(),
                restored,
                alerts.allUnresolved().size());
    }
}
