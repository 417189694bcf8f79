package dev.vigil.agent.run;

import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteState.RouterView;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import dev.vigil.protocol.SiteState.WanView;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds the site state from the parts' snapshots and hands it on when it changed. Live figures (RTT, loss, CPU) do
 * not count as a change; they travel in the metrics.
 */
final class StateTracker {
    private final String site;
    private final Clock clock;
    private final Supplier<List<RouterView>> routers;
    private final Supplier<List<VrrpGroupView>> vrrp;
    private final Supplier<List<WanView>> wans;
    private final Consumer<SiteState> onChange;
    private List<Object> lastSignature;

    StateTracker(
            String site,
            Clock clock,
            Supplier<List<RouterView>> routers,
            Supplier<List<VrrpGroupView>> vrrp,
            Supplier<List<WanView>> wans,
            Consumer<SiteState> onChange) {
        this.site = site;
        this.clock = clock;
        this.routers = routers;
        this.vrrp = vrrp;
        this.wans = wans;
        this.onChange = onChange;
    }

    /** Publishes the state when it differs from the last one published (always the first time). */
    synchronized void check() {
        publish(false);
    }

    /** Publishes the state even when it did not change ({@code refresh_state}). */
    synchronized void publishNow() {
        publish(true);
    }

    private void publish(boolean always) {
        SiteState state = new SiteState(
                Protocol.SCHEMA_VERSION,
                site,
                clock.instant(),
                AgentVersion.current(),
                routers.get(),
                vrrp.get(),
                wans.get());
        List<Object> signature = signature(state);
        if (always || !Objects.equals(signature, lastSignature)) {
            lastSignature = signature;
            onChange.accept(state);
        }
    }

    private static List<Object> signature(SiteState s) {
        return List.of(
                s.routers().stream()
                        .map(r -> List.of(
                                r.name(), r.reachable(), String.valueOf(r.role()), String.valueOf(r.priority())))
                        .toList(),
                s.vrrp().stream()
                        .map(g -> new VrrpGroupView(
                                g.iface(),
                                g.vlan(),
                                g.family(),
                                g.vrid(),
                                g.version(),
                                g.state(),
                                g.master(),
                                g.masterPriority(),
                                g.intervalMs(),
                                g.addresses(),
                                g.since()))
                        .toList(),
                s.wans().stream()
                        .map(w -> new WanView(w.name(), w.state(), null, null, null, w.since()))
                        .toList());
    }
}
