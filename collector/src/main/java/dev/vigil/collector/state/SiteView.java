package dev.vigil.collector.state;

import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.SiteMetrics.WanMetric;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the collector knows about one site right now; immutable, replaced on every change.
 *
 * @param online null when never heard from
 * @param silent true when the site said nothing for longer than the silence timeout
 * @param latestWans the newest metrics sample per WAN
 * @param usualMasters VRRP group subject → the master first seen for it
 * @param alerts the alerts not resolved yet
 */
public record SiteView(
        String site,
        List<String> tags,
        Boolean online,
        boolean silent,
        Instant lastSeen,
        SiteStatus status,
        SiteState state,
        Map<String, WanMetric> latestWans,
        Map<String, String> usualMasters,
        List<AlertRecord> alerts) {

    public SiteView {
        tags = List.copyOf(tags);
        latestWans = Map.copyOf(latestWans);
        usualMasters = Map.copyOf(usualMasters);
        alerts = List.copyOf(alerts);
    }

    public static SiteView empty(String site, List<String> tags) {
        return new SiteView(site, tags, null, false, null, null, null, Map.of(), Map.of(), List.of());
    }

    public SiteStatusKind statusKind() {
        return StatusClassifier.classify(this);
    }

    /** The subject of a VRRP group, the same as in {@code vrrp.*} events. */
    public static String groupSubject(SiteState.VrrpGroupView g) {
        return "vrrp/" + g.iface() + (g.vlan() == null ? "" : "." + g.vlan()) + "/" + g.family() + "/" + g.vrid();
    }
}
