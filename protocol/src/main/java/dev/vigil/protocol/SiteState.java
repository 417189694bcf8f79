package dev.vigil.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The agent's full current view of its site, retained on {@code vigil/v1/sites/{site}/state}.
 *
 * @param routers the routers the agent talks to (may be empty when no router API is configured)
 * @param vrrp every VRRP group the observer sees
 * @param wans every WAN the agent probes
 */
public record SiteState(
        int v,
        String site,
        Instant time,
        String agentVersion,
        List<RouterView> routers,
        List<VrrpGroupView> vrrp,
        List<WanView> wans) {

    public SiteState {
        routers = routers == null ? List.of() : List.copyOf(routers);
        vrrp = vrrp == null ? List.of() : List.copyOf(vrrp);
        wans = wans == null ? List.of() : List.copyOf(wans);
    }

    /**
     * One router as its API reports it.
     *
     * @param role {@code master}, {@code backup}, {@code unknown}
     */
    public record RouterView(
            String name,
            String address,
            boolean reachable,
            String role,
            Integer priority,
            String version,
            Double cpuPct,
            Double memUsedPct) {}

    /**
     * One VRRP group as the sniffer sees it.
     *
     * @param master the current master's source address, null when none is heard
     * @param state {@code master}, {@code no_master}, {@code split_brain}
     */
    public record VrrpGroupView(
            String iface,
            Integer vlan,
            String family,
            int vrid,
            int version,
            String state,
            String master,
            Integer masterPriority,
            Integer intervalMs,
            List<String> addresses,
            Instant since) {}

    /**
     * One WAN as its tracker judges it.
     *
     * @param state {@code up}, {@code degraded}, {@code down}, {@code unknown}
     */
    public record WanView(String name, String state, Double lossPct, Double rttMs, Double jitterMs, Instant since) {}
}
