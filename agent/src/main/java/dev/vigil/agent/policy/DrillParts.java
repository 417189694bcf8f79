package dev.vigil.agent.policy;

import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.Reply;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.VrrpInstance;
import dev.vigil.protocol.SiteState.VrrpGroupView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a failover drill works with: the pair's API clients and the addresses their adverts come from, the WANs, the
 * sniffer's view, the policy to cooperate with, where to report, and its clock and waits.
 *
 * @param addresses router name → the address the sniffer hears it advertise from ({@code routers[].host})
 * @param waitTimeout how long each measured step (takeover, NAT, DHCP, the pair following back) may take
 * @param restoreTimeout how long the restore of the original priority is retried
 * @param poll how often the sniffer's view and the routers are read while waiting
 * @param stateDir where the {@link DrillRestoreRecord} of a running drill is kept ({@code commands.state_dir})
 */
record DrillParts(
        PolicyConfig policy,
        Map<String, RouterOsClient> routers,
        Map<String, String> addresses,
        Map<String, String> wanRouters,
        Function<String, Optional<String>> wanState,
        Supplier<List<VrrpGroupView>> sniffer,
        FailoverPolicy failoverPolicy,
        ObservationSink sink,
        Clock clock,
        Pacer pacer,
        Duration waitTimeout,
        Duration restoreTimeout,
        Duration poll,
        Path stateDir) {

    DrillParts {
        routers = Map.copyOf(routers);
        addresses = Map.copyOf(addresses);
        wanRouters = Map.copyOf(wanRouters);
    }

    /** The VRRP instance the policy works on ({@code wan_aware_vrrp.vrrp_interface}), or the first one. */
    String vrrpInterface() {
        return policy.wanAwareVrrp()
                .map(PolicyConfig.WanAwareVrrp::vrrpInterface)
                .orElse(null);
    }

    /** The router's VRRP instance as its API says now; empty when it has none; throws when unreachable. */
    Optional<VrrpInstance> vrrp(String router) {
        return Calls.get(routers.get(router).print("/interface/vrrp", VrrpInstance.PROPLIST)).stream()
                .map(VrrpInstance::from)
                .filter(v -> vrrpInterface() == null || v.name().equals(vrrpInterface()))
                .findFirst();
    }

    /** The sniffer's group for this VRID in the family of the router's address. */
    Optional<VrrpGroupView> group(int vrid, String router) {
        String family = addresses.getOrDefault(router, "").contains(":") ? "IPv6" : "IPv4";
        return sniffer.get().stream()
                .filter(g -> g.vrid() == vrid && g.family().equals(family))
                .findFirst();
    }

    /** The router whose address the sniffer hears as master of the group, else the address itself. */
    String routerAt(String address) {
        return addresses.entrySet().stream()
                .filter(e -> e.getValue().equals(address))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(address);
    }

    List<String> wansOf(String router) {
        return PolicyState.wansOf(wanRouters, router);
    }

    String wanState(String wan) {
        return wanState.apply(wan).orElse("unknown");
    }

    /**
     * Whether the one item of {@code menu} whose {@code key} is {@code value} is enabled on the router; empty when it
     * cannot be read, is missing or is ambiguous.
     */
    Optional<Boolean> enabled(String router, String menu, String key, String value) {
        try {
            List<Map<String, String>> items =
                    Calls.get(routers.get(router).print(menu, List.of(".id", "disabled"), key + "=" + value));
            return items.size() == 1 ? Optional.of(!Reply.flag(items.get(0), "disabled")) : Optional.empty();
        } catch (RouterOsException e) {
            return Optional.empty();
        }
    }
}
