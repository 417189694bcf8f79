package dev.vigil.agent.policy;

import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterOsException;
import dev.vigil.agent.routeros.VrrpInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What the policy knows between evaluations: WAN states and their flapping, routers' VRRP, skips already reported. */
final class PolicyState {
    final Map<String, RouterOsClient> routers;
    private final Map<String, String> wanRouters;
    private final Function<String, Optional<String>> wanState;
    private final Map<String, String> observedWan = new HashMap<>();
    private final Map<String, Deque<Instant>> wanChanges = new HashMap<>();
    private final Set<String> reportedSkips = new HashSet<>();
    private final Clock clock;
    boolean observedSplitBrain;

    PolicyState(
            Map<String, RouterOsClient> routers,
            Map<String, String> wanRouters,
            Function<String, Optional<String>> wanState,
            Clock clock) {
        this.routers = Map.copyOf(routers);
        this.wanRouters = Map.copyOf(wanRouters);
        this.wanState = wanState == null ? w -> Optional.empty() : wanState;
        this.clock = clock;
    }

    void observeWan(String wan, String state) {
        String previous = observedWan.put(wan, state);
        if (previous != null && !previous.equals(state)) {
            wanChanges.computeIfAbsent(wan, w -> new ArrayDeque<>()).addLast(clock.instant());
        }
    }

    String wanState(String wan) {
        return wanState.apply(wan).orElse(observedWan.getOrDefault(wan, "unknown"));
    }

    List<String> wansOf(String router) {
        return wansOf(wanRouters, router);
    }

    /** The WANs of {@code router} in a WAN → router map, sorted by name. */
    static List<String> wansOf(Map<String, String> wanRouters, String router) {
        return wanRouters.entrySet().stream()
                .filter(e -> e.getValue().equals(router))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** {@code down} when every WAN of the router is down, {@code up} when one is up or degraded, else {@code unknown}. */
    String routerWan(String router) {
        List<String> wans = wansOf(router);
        if (wans.isEmpty()) {
            return "unknown";
        }
        if (wans.stream().allMatch(w -> wanState(w).equals("down"))) {
            return "down";
        }
        return wans.stream()
                        .anyMatch(w -> wanState(w).equals("up") || wanState(w).equals("degraded"))
                ? "up"
                : "unknown";
    }

    /** A flap description when one of the router's WANs changed state too often within the window. */
    Optional<String> flapping(String router, int changes, Duration window) {
        Instant now = clock.instant();
        for (String wan : wansOf(router)) {
            Deque<Instant> recent = wanChanges.getOrDefault(wan, new ArrayDeque<>());
            recent.removeIf(t -> Duration.between(t, now).compareTo(window) > 0);
            if (recent.size() >= changes) {
                return Optional.of(wan + " changed state " + recent.size() + " times within " + window.toSeconds()
                        + " s: waiting for it to settle (policy.flapping)");
            }
        }
        return Optional.empty();
    }

    Optional<String> peerOf(String router) {
        return routers.keySet().stream().filter(r -> !r.equals(router)).sorted().findFirst();
    }

    /** The named VRRP instance (or the first one when name is null); empty when unreachable or absent. */
    Optional<VrrpInstance> vrrp(String router, String name) {
        try {
            var items = Calls.get(routers.get(router).print("/interface/vrrp", VrrpInstance.PROPLIST));
            return items.stream()
                    .map(VrrpInstance::from)
                    .filter(v -> name == null || v.name().equals(name))
                    .findFirst();
        } catch (RouterOsException e) {
            return Optional.empty();
        }
    }

    /** True the first time this key is seen since {@link #forgetSkips} for its router. */
    boolean firstSkip(String rule, String router, String reason) {
        return reportedSkips.add(rule + "|" + router + "|" + reason);
    }

    void forgetSkips(String rule, String router) {
        reportedSkips.removeIf(k -> k.startsWith(rule + "|" + router + "|"));
    }
}
