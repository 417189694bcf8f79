package dev.vigil.agent.policy;

import dev.vigil.protocol.SiteState.VrrpGroupView;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The sniffer's view of an in-JVM pair: whoever the simulated routers call master, heard {@code lag} after the change
 * (as a backup's first advert comes after master-down); {@code silent} hears nothing, {@code frozen} stops following.
 */
final class FakeSniffer implements Supplier<List<VrrpGroupView>> {
    static final Map<String, String> ADDRESSES = Map.of("router-a", "192.0.2.1", "router-b", "192.0.2.2");

    private final SimRouter a;
    private final SimRouter b;
    private final Clock clock;
    private final Duration lag;
    volatile boolean silent;
    volatile boolean frozen;
    private String heard;
    private Instant since;
    private String pending;
    private Instant pendingAt;

    FakeSniffer(SimRouter a, SimRouter b, Clock clock, Duration lag) {
        this.a = a;
        this.b = b;
        this.clock = clock;
        this.lag = lag;
        this.heard = actual();
        this.since = clock.instant();
    }

    @Override
    public synchronized List<VrrpGroupView> get() {
        if (silent) {
            return List.of();
        }
        String actual = actual();
        if (!frozen && !Objects.equals(actual, heard)) {
            if (!Objects.equals(actual, pending)) {
                pending = actual;
                pendingAt = clock.instant();
            }
            if (!clock.instant().isBefore(pendingAt.plus(lag))) {
                heard = pending;
                since = pendingAt.plus(lag);
                pending = null;
            }
        }
        return heard == null
                ? List.of()
                : List.of(new VrrpGroupView("lan0", null, "IPv4", 1, 3, "master", heard, 100, 1000, List.of(), since));
    }

    synchronized String heard() {
        return heard;
    }

    private String actual() {
        if (master(a)) {
            return ADDRESSES.get("router-a");
        }
        return master(b) ? ADDRESSES.get("router-b") : null;
    }

    private static boolean master(SimRouter router) {
        return router.vrrp("vrrp1").map(m -> "true".equals(m.get("master"))).orElse(false);
    }
}
