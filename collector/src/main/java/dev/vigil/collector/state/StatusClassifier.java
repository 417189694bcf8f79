package dev.vigil.collector.state;

import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.SiteState;
import java.util.List;
import java.util.Set;

/** The rules of docs/api.md for a site's {@code status}, worst first. */
final class StatusClassifier {
    private static final Set<String> DOWN_RULES = Set.of("master_lost", "split_brain");
    private static final Set<String> DEGRADED_RULES = Set.of("wan_down", "wan_degraded", "action_failed");

    private StatusClassifier() {}

    static SiteStatusKind classify(SiteView v) {
        if (v.lastSeen() == null && v.online() == null) {
            return SiteStatusKind.UNKNOWN;
        }
        if (Boolean.FALSE.equals(v.online()) || v.silent()) {
            return SiteStatusKind.OFFLINE;
        }
        List<SiteState.VrrpGroupView> groups =
                v.state() == null ? List.of() : v.state().vrrp();
        List<SiteState.WanView> wans = v.state() == null ? List.of() : v.state().wans();
        boolean noMaster = groups.stream().anyMatch(g -> !"master".equals(g.state()));
        boolean allWansDown = !wans.isEmpty() && wans.stream().allMatch(w -> "down".equals(w.state()));
        if (noMaster || allWansDown || hasAlert(v, DOWN_RULES)) {
            return SiteStatusKind.DOWN;
        }
        boolean wanTrouble = wans.stream().anyMatch(w -> "down".equals(w.state()) || "degraded".equals(w.state()));
        if (wanTrouble || hasAlert(v, DEGRADED_RULES)) {
            return SiteStatusKind.DEGRADED;
        }
        boolean unusualMaster = groups.stream().anyMatch(g -> {
            String usual = v.usualMasters().get(SiteView.groupSubject(g));
            return usual != null && g.master() != null && !usual.equals(g.master());
        });
        if (unusualMaster || hasAlert(v, Set.of("failover"))) {
            return SiteStatusKind.FAILED_OVER;
        }
        return SiteStatusKind.OK;
    }

    private static boolean hasAlert(SiteView v, Set<String> rules) {
        return v.alerts().stream().map(AlertRecord::rule).anyMatch(rules::contains);
    }
}
