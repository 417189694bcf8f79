package dev.vigil.collector.metrics;

import dev.vigil.protocol.SiteState.RouterView;
import dev.vigil.protocol.SiteState.VrrpGroupView;

/**
 * A router's state in one VRRP group in keepalived-exporter's numbering, judged from what the agent's sniffer hears
 * (the master's address) and what the router's API says about itself (its role).
 */
final class VrrpNumbering {
    static final int INIT = 0;
    static final int BACKUP = 1;
    static final int MASTER = 2;
    static final int FAULT = 3;

    private VrrpNumbering() {}

    static int of(VrrpGroupView group, RouterView router) {
        String groupState = group.state() == null ? "" : group.state();
        if (group.master() != null && group.master().equals(router.address())) {
            return MASTER;
        }
        return switch (groupState) {
            // two masters at once: the router's own API says which side of the split it is on
            case "split_brain" -> "master".equals(router.role()) ? MASTER : BACKUP;
            case "no_master" -> FAULT;
            case "master" -> router.reachable() || "backup".equals(router.role()) ? BACKUP : INIT;
            default -> INIT;
        };
    }

    /** For a site without router API access: only the master the sniffer hears is known. */
    static int ofGroupOnly(VrrpGroupView group) {
        return switch (group.state() == null ? "" : group.state()) {
            case "master", "split_brain" -> MASTER;
            case "no_master" -> FAULT;
            default -> INIT;
        };
    }
}
