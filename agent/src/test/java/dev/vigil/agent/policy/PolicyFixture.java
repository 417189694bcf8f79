package dev.vigil.agent.policy;

import dev.vigil.agent.config.Secret;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.routeros.ApiRouterOsClient;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.testing.ManualClock;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimPair;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Two simulated routers on loopback (router-a master at 100, router-b backup at 90) and a policy run inline. */
final class PolicyFixture implements AutoCloseable {
    final SimRouter a = SimRouter.seeded(SimRouter.Personality.V7, null, 100, true);
    final SimRouter b = SimRouter.seeded(SimRouter.Personality.V7, null, 90, false);
    final RouterOsSim simA = RouterOsSim.start(RouterOsSim.Options.defaults(), a);
    final RouterOsSim simB = RouterOsSim.start(RouterOsSim.Options.defaults(), b);
    final RouterOsClient clientA = client("router-a", simA);
    final RouterOsClient clientB = client("router-b", simB);
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Observation> observed = new CopyOnWriteArrayList<>();
    final Map<String, String> wans = new ConcurrentHashMap<>(Map.of("wan1", "up", "wan2", "up"));
    final RepairPause pause = RepairPause.inMemory(observed::add, clock);
    FailoverPolicy policy;

    PolicyFixture() {
        SimPair.link(a, b, "vrrp1");
    }

    FailoverPolicy start(PolicyConfig config) {
        policy = new RuleBasedFailoverPolicy(
                config,
                Map.of("router-a", clientA, "router-b", clientB),
                Map.of("wan1", "router-a", "wan2", "router-b"),
                w -> Optional.ofNullable(wans.get(w)),
                observed::add,
                clock,
                pause,
                clock::advance,
                Runnable::run,
                null);
        return policy;
    }

    void wan(String wan, String state) {
        wans.put(wan, state);
        policy.accept(new Observation(
                clock.instant(),
                "wan." + state,
                Severity.CRITICAL,
                "wan/" + wan,
                Json.object().put("wan", wan).put("state", state)));
    }

    List<String> actions() {
        return observed.stream()
                .filter(o -> o.type().startsWith("action."))
                .map(o -> o.type() + " " + o.data().path("router").asText() + " "
                        + o.data().path("action").asText()
                        + (o.data().has("after")
                                ? " " + o.data().path("before").asText() + "->"
                                        + o.data().path("after").asText()
                                : ""))
                .toList();
    }

    List<Observation> of(String type) {
        return observed.stream().filter(o -> o.type().equals(type)).toList();
    }

    static PolicyConfig config(boolean dryRun, int budget) {
        PolicyConfig d = PolicyConfig.disabled();
        return new PolicyConfig(
                dryRun,
                false,
                Duration.ofSeconds(30),
                budget,
                Duration.ofHours(1),
                Duration.ofSeconds(2),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                4,
                Duration.ofMinutes(2),
                Optional.of(new PolicyConfig.WanAwareVrrp("vrrp1", 50, Duration.ofSeconds(30))),
                Optional.of(new PolicyConfig.ServicesFollowMaster("vigil:nat", "dhcp-lan")),
                List.of(new PolicyConfig.ScriptRule("wan.down", "master", "notify-isp")));
    }

    private static RouterOsClient client(String name, RouterOsSim sim) {
        return new ApiRouterOsClient(RouterConfig.api(name, "127.0.0.1", sim.apiPort(), "vigil", Secret.of("vigil"))
                .withTimeout(Duration.ofSeconds(2)));
    }

    @Override
    public void close() {
        if (policy != null) {
            policy.close();
        }
        clientA.close();
        clientB.close();
        simA.close();
        simB.close();
    }
}
