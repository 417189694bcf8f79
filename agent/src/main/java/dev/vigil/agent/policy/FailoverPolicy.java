package dev.vigil.agent.policy;

import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.RouterOsClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Repairs what VRRP alone gets wrong, as configured in {@link PolicyConfig}: demotes a master whose WANs are down,
 * moves NAT and DHCP to whoever is master, runs scripts on events. Feed it every observation ({@code wan.*},
 * {@code vrrp.*}, {@code router.*}); it reports {@code action.executed}/{@code failed}/{@code skipped} to the sink.
 * {@link #accept} never blocks: the work runs on the policy's own thread.
 */
public interface FailoverPolicy extends ObservationSink, AutoCloseable {

    /**
     * Starts the policy with its own thread and a periodic evaluation every {@code config.evaluateInterval()}.
     *
     * @param routers the pair, by router name
     * @param wanRouters WAN name → the router that owns it ({@code wans[].router})
     * @param wanState the current state of a WAN ({@code up}, {@code degraded}, {@code down}, {@code unknown}), e.g.
     *     {@code WanMonitor::state}; the last {@code wan.*} observation is used when it returns empty
     * @param pause while it is in effect the policy performs nothing and reports what it would have done as skipped
     */
    static FailoverPolicy start(
            PolicyConfig config,
            Map<String, RouterOsClient> routers,
            Map<String, String> wanRouters,
            Function<String, Optional<String>> wanState,
            ObservationSink sink,
            Clock clock,
            RepairPause pause) {
        return RuleBasedFailoverPolicy.threaded(config, routers, wanRouters, wanState, sink, clock, pause);
    }

    /** Evaluates the rules now (restore holds, who is master); the periodic loop calls this. */
    void tick();

    /**
     * A failover drill ({@code commandId}) is about to demote the master: until {@link #drillEnded} the wan-aware rule
     * leaves VRRP priorities alone, while NAT and DHCP keep following the master. Blocks until the policy thread
     * answers.
     *
     * @return why the drill may not start (the wan-aware rule holds a router demoted, another drill runs); empty when
     *     it may
     */
    Optional<String> drillStarting(String commandId);

    /** The drill {@code commandId} is over (restored or given up): the wan-aware rule evaluates again. */
    void drillEnded(String commandId);

    @Override
    void close();
}
