package dev.vigil.collector.cluster;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.ingest.SiteReactions;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.WireCodec;
import java.time.Clock;

/** Builds and starts the {@link ClusterReactor} of a collector from its stores. */
public final class ClusterReactors {
    private ClusterReactors() {}

    /** Blocking: joins the collectors, replays the shared feed and starts following it. */
    public static ClusterReactor start(
            Stores stores, SiteReactions reactions, AlertEngine alerts, WireCodec codec, Clock clock) {
        ClusterReactor reactor = new ClusterReactor(
                stores.cluster(),
                stores::partitionLocks,
                reactions,
                alerts,
                stores.alerts(),
                stores.snapshots(),
                codec,
                clock,
                r -> {
                    Thread t = new Thread(r, "vigil-cluster");
                    t.setDaemon(true);
                    return t;
                });
        reactor.start();
        return reactor;
    }
}
