package dev.vigil.agent.policy;

import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recipe (b): the NAT rule found by its exact comment and the DHCP server found by name are enabled on the VRRP
 * master and disabled on the other router when it is reachable. A comment that matches no rule or several is
 * skipped with the reason, never guessed.
 */
final class ServicesFollowMasterRecipe {
    static final String RULE = "services_follow_master";

    private final PolicyConfig.ServicesFollowMaster config;
    private final String vrrpInterface;
    private final PolicyState state;
    private final RouterActions actions;
    private final ActionGuard guard;
    private String lastMaster;

    ServicesFollowMasterRecipe(PolicyConfig policy, PolicyState state, RouterActions actions, ActionGuard guard) {
        this.config = policy.servicesFollowMaster().orElseThrow();
        this.vrrpInterface = policy.wanAwareVrrp()
                .map(PolicyConfig.WanAwareVrrp::vrrpInterface)
                .orElse(null);
        this.state = state;
        this.actions = actions;
        this.guard = guard;
    }

    void evaluate() {
        List<String> masters = new ArrayList<>();
        List<String> reachable = new ArrayList<>();
        for (String router : state.routers.keySet().stream().sorted().toList()) {
            Optional<VrrpInstance> vrrp = state.vrrp(router, vrrpInterface);
            if (vrrp.isPresent()) {
                reachable.add(router);
                if (vrrp.get().isMaster()) {
                    masters.add(router);
                }
            }
        }
        guard.splitBrain(state.observedSplitBrain || masters.size() > 1);
        if (masters.size() != 1) {
            return;
        }
        String master = masters.get(0);
        if (!master.equals(lastMaster)) {
            state.routers.keySet().forEach(r -> state.forgetSkips(RULE, r));
            lastMaster = master;
        }
        String reason = master + " is the VRRP master";
        ensure(master, true, reason);
        for (String other : reachable) {
            if (!other.equals(master)) {
                ensure(other, false, reason);
            }
        }
    }

    private void ensure(String router, boolean enabled, String reason) {
        String verb = enabled ? "enable" : "disable";
        if (config.natComment() != null) {
            find(router, verb + "_nat", "/ip/firewall/nat", "comment", config.natComment(), "NAT rules")
                    .ifPresent(id -> apply(
                            router,
                            verb + "_nat",
                            "/ip/firewall/nat",
                            id,
                            "/ip/firewall/nat comment=" + config.natComment(),
                            enabled,
                            reason));
        }
        if (config.dhcpServer() != null) {
            find(router, verb + "_dhcp", "/ip/dhcp-server", "name", config.dhcpServer(), "DHCP servers")
                    .ifPresent(id -> apply(
                            router,
                            verb + "_dhcp",
                            "/ip/dhcp-server",
                            id,
                            "/ip/dhcp-server " + config.dhcpServer(),
                            enabled,
                            reason));
        }
    }

    private Optional<String> find(String router, String action, String menu, String key, String value, String what) {
        List<Map<String, String>> items;
        try {
            items = Calls.get(
                    state.routers.get(router).print(menu, List.of(".id", key, "disabled"), key + "=" + value));
        } catch (RouterOsException e) {
            return Optional.empty();
        }
        if (items.size() == 1) {
            return Optional.of(items.get(0).get(".id"));
        }
        String reason = items.isEmpty()
                ? "no " + what + " on " + router + " have " + key + " '" + value + "'"
                : items.size() + " " + what + " on " + router + " have " + key + " '" + value
                        + "': refusing to guess which";
        if (state.firstSkip(RULE, router, reason)) {
            actions.skipped(RULE, router, action, menu + " " + key + "=" + value, reason);
        }
        return Optional.empty();
    }

    private void apply(
            String router, String action, String menu, String id, String target, boolean enabled, String reason) {
        actions.apply(
                state.routers.get(router),
                new RouterActions.Change(
                        RULE, router, action, menu, id, target, "disabled", Boolean.toString(!enabled), reason));
    }
}
