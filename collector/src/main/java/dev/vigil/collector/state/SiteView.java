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

    /** Anything heard from a site means its agent is there (its last will comes after its last message). */
    public SiteView heard(Instant received, SiteState newState, Map<String, WanMetric> wans) {
        return new SiteView(site, tags, Boolean.TRUE, false, received, status, newState, wans, usualMasters, alerts);
    }

    /** A status message: online or offline as it says; only an online one counts as the site being heard. */
    public SiteView withStatus(SiteStatus newStatus, Instant received) {
        boolean up = SiteStatus.ONLINE.equals(newStatus.status());
        return new SiteView(
                site, tags, up, false, up ? received : lastSeen, newStatus, state, latestWans, usualMasters, alerts);
    }

    public SiteView silenced() {
        return new SiteView(site, tags, online, true, lastSeen, status, state, latestWans, usualMasters, alerts);
    }

    public SiteView withTags(List<String> newTags) {
        return new SiteView(site, newTags, online, silent, lastSeen, status, state, latestWans, usualMasters, alerts);
    }

    public SiteView withUsualMasters(Map<String, String> masters) {
        return new SiteView(site, tags, online, silent, lastSeen, status, state, latestWans, masters, alerts);
    }

    public SiteView withAlerts(List<AlertRecord> unresolved) {
        return new SiteView(site, tags, online, silent, lastSeen, status, state, latestWans, usualMasters, unresolved);
    }

    public SiteStatusKind statusKind() {
        return StatusClassifier.classify(this);
    }

    /** The subject of a VRRP group, the same as in {@code vrrp.*} events. */
    public static String groupSubject(SiteState.VrrpGroupView g) {
        return "vrrp/" + g.iface() + (g.vlan() == null ? "" : "." + g.vlan()) + "/" + g.family() + "/" + g.vrid();
    }
}
