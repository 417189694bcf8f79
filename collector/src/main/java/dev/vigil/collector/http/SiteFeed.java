package dev.vigil.collector.http;

import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.state.SiteView;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live {@code site} updates, coalesced: a site that changes a thousand times a second is sent to browsers at most
 * once per flush ({@link #FLUSH_MS}).
 */
public final class SiteFeed {
    public static final long FLUSH_MS = 250;

    private final LiveUpdates live;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    public SiteFeed(LiveUpdates live) {
        this.live = live;
    }

    /** The projection's change listener. */
    public void changed(SiteView view) {
        dirty.add(view.site());
    }

    /** Sends the current view of every site changed since the last flush. */
    public void flush(SiteProjection projection) {
        if (dirty.isEmpty()) {
            return;
        }
        for (String site : Set.copyOf(dirty)) {
            dirty.remove(site);
            if (live.subscribers() > 0) {
                projection
                        .get(site)
                        .ifPresent(v -> live.publish("site", SiteJson.summary(v).toString()));
            }
        }
    }
}
