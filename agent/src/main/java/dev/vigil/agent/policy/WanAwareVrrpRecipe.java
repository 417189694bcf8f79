package dev.vigil.agent.policy;

import dev.vigil.agent.routeros.VrrpInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recipe (a): when every WAN of the master is down and the backup's are up, VRRP does not move by itself (the LAN is
 * fine), so lower the master's priority below the backup's; put it back once its WANs have been up for the hold.
 */
final class WanAwareVrrpRecipe {
    static final String RULE = "wan_aware_vrrp";

    private final PolicyConfig.WanAwareVrrp config;
    private final PolicyConfig policy;
    private final PolicyState state;
    private final RouterActions actions;
    private final Clock clock;
    private final Map<String, Integer> demoted = new HashMap<>();
    private final Map<String, Instant> healthySince = new HashMap<>();

    WanAwareVrrpRecipe(PolicyConfig policy, PolicyState state, RouterActions actions, Clock clock) {
        this.config = policy.wanAwareVrrp().orElseThrow();
        this.policy = policy;
        this.state = state;
        this.actions = actions;
        this.clock = clock;
    }

    void evaluate() {
        for (String router : state.routers.keySet().stream().sorted().toList()) {
            String wan = state.routerWan(router);
            if (wan.equals("down")) {
                healthySince.remove(router);
                if (!demoted.containsKey(router)) {
                    demote(router);
                }
            } else {
                state.forgetSkips(RULE, router);
                if (demoted.containsKey(router) && wan.equals("up")) {
                    restoreAfterHold(router);
                }
            }
        }
    }

    /** Which routers this rule holds demoted until their WANs have been up for the hold; empty when none. */
    Optional<String> holding() {
        return demoted.isEmpty()
                ? Optional.empty()
                : Optional.of("the wan-aware rule holds "
                        + String.join(", ", demoted.keySet().stream().sorted().toList())
                        + " demoted until its WANs have been up for restore_hold");
    }

    private void demote(String router) {
        Optional<VrrpInstance> own = state.vrrp(router, config.vrrpInterface());
        if (own.isPresent() && !own.get().isMaster()) {
            return;
        }
        Optional<String> peer = state.peerOf(router);
        if (peer.isEmpty()) {
            skip(router, "no second router is configured to take over");
            return;
        }
        if (!state.routerWan(peer.get()).equals("up")) {
            skip(
                    router,
                    "the WANs of " + peer.get() + " are " + state.routerWan(peer.get()) + ": demoting " + router
                            + " would not help");
            return;
        }
        Optional<String> flap = state.flapping(router, policy.flapChanges(), policy.flapWindow());
        if (flap.isPresent()) {
            skip(router, flap.get());
            return;
        }
        Optional<VrrpInstance> other = state.vrrp(peer.get(), config.vrrpInterface());
        if (own.isEmpty() || other.isEmpty()) {
            skip(router, "cannot read " + config.vrrpInterface() + " on " + (own.isEmpty() ? router : peer.get()));
            return;
        }
        int target = Math.min(config.demoteTo(), other.get().priority() - 1);
        if (target < 1) {
            skip(router, peer.get() + " has priority " + other.get().priority() + ": no lower priority is possible");
            return;
        }
        RouterActions.Outcome outcome = actions.apply(
                state.routers.get(router),
                change(
                        router,
                        own.get(),
                        target,
                        "all WANs of " + router + " (" + String.join(", ", state.wansOf(router)) + ") are down while "
                                + peer.get() + " has a working WAN"));
        if (outcome == RouterActions.Outcome.EXECUTED || outcome == RouterActions.Outcome.ALREADY) {
            demoted.put(router, own.get().priority());
        }
    }

    private void restoreAfterHold(String router) {
        Instant since = healthySince.computeIfAbsent(router, r -> clock.instant());
        Duration healthy = Duration.between(since, clock.instant());
        if (healthy.compareTo(config.restoreHold()) < 0) {
            return;
        }
        Optional<VrrpInstance> own = state.vrrp(router, config.vrrpInterface());
        if (own.isEmpty()) {
            return;
        }
        int original = demoted.get(router);
        RouterActions.Outcome outcome = actions.apply(
                state.routers.get(router),
                change(
                        router,
                        own.get(),
                        original,
                        "the WANs of " + router + " have been up for " + healthy.toSeconds() + " s (restore_hold "
                                + config.restoreHold().toSeconds() + " s)"));
        if (outcome == RouterActions.Outcome.EXECUTED || outcome == RouterActions.Outcome.ALREADY) {
            demoted.remove(router);
            healthySince.remove(router);
        }
    }

    private RouterActions.Change change(String router, VrrpInstance vrrp, int priority, String reason) {
        return new RouterActions.Change(
                RULE,
                router,
                "set_vrrp_priority",
                "/interface/vrrp",
                vrrp.id(),
                "/interface/vrrp " + vrrp.name(),
                "priority",
                Integer.toString(priority),
                reason);
    }

    private void skip(String router, String reason) {
        if (state.firstSkip(RULE, router, reason)) {
            actions.skipped(RULE, router, "set_vrrp_priority", "/interface/vrrp " + config.vrrpInterface(), reason);
        }
    }
}
