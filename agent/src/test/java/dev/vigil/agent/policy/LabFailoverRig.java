package dev.vigil.agent.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.routeros.ApiRouterOsClient;
import dev.vigil.agent.routeros.Reply;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.routeros.RouterPoller;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.RouterOsSimulators;
import dev.vigil.testkit.lab.SiteLab;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The site lab with a RouterOS simulator in each router namespace driving that router's keepalived, API clients
 * opened from the agent namespace, a policy, and a minimal WAN watcher: {@code ping -c1 -W1} of one target per WAN
 * from the agent namespace every 200 ms (the lab pins each WAN's targets to its router), two failures in a row →
 * {@code wan.down}, three successes → {@code wan.up}.
 */
final class LabFailoverRig implements AutoCloseable {
    static final String VRRP = "lan4";

    final SiteLab lab;
    final PolicyConfig config;
    final RouterConfig routerA;
    final RouterConfig routerB;
    final Process simA;
    final Process simB;
    final RouterOsClient clientA;
    final RouterOsClient clientB;
    final List<Observation> observed = new CopyOnWriteArrayList<>();
    final Map<String, String> wans = new ConcurrentHashMap<>();
    final FailoverPolicy policy;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService polling = Executors.newScheduledThreadPool(2);
    private final List<RouterPoller> pollers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> streak = new ConcurrentHashMap<>();

    LabFailoverRig(Path dir, Duration restoreHold) throws Exception {
        this(dir, restoreHold, Duration.ofSeconds(5), PolicyConfig.disabled().flapChanges());
    }

    /** {@code flapChanges}: the benchmark cuts the same WAN many times on purpose, so it raises the dampening. */
    LabFailoverRig(Path dir, Duration restoreHold, Duration cooldown, int flapChanges) throws Exception {
        lab = SiteLab.builder().start();
        try {
            RouterOsSimulators.Started a = RouterOsSimulators.launch(lab, Router.A, dir);
            RouterOsSimulators.Started b = RouterOsSimulators.launch(lab, Router.B, dir);
            simA = a.process();
            simB = b.process();
            routerA = routerConfig("router-a", Router.A, a.port());
            routerB = routerConfig("router-b", Router.B, b.port());
            clientA = new ApiRouterOsClient(routerA, lab.newThreadFactory(Host.AGENT));
            clientB = new ApiRouterOsClient(routerB, lab.newThreadFactory(Host.AGENT));
            PolicyConfig d = PolicyConfig.disabled();
            config = new PolicyConfig(
                    false,
                    false,
                    cooldown,
                    1000,
                    Duration.ofHours(1),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(100),
                    Duration.ofMillis(250),
                    flapChanges,
                    d.flapWindow(),
                    Optional.of(new PolicyConfig.WanAwareVrrp(VRRP, 50, restoreHold)),
                    Optional.of(new PolicyConfig.ServicesFollowMaster("vigil:nat", "dhcp-lan")),
                    List.of());
            wans.put("wan1", "up");
            wans.put("wan2", "up");
            policy = FailoverPolicy.start(
                    config,
                    Map.of("router-a", clientA, "router-b", clientB),
                    Map.of("wan1", "router-a", "wan2", "router-b"),
                    w -> Optional.ofNullable(wans.get(w)),
                    observed::add,
                    Clock.systemUTC(),
                    RepairPause.inMemory(observed::add, Clock.systemUTC()));
            watcher.scheduleWithFixedDelay(this::watch, 0, 200, TimeUnit.MILLISECONDS);
            for (RouterOsClient client : List.of(clientA, clientB)) {
                RouterConfig polled = RouterConfig.api(client.router(), "-", 0, "vigil", null);
                pollers.add(new RouterPoller(
                                client,
                                polled,
                                o -> {
                                    observed.add(o);
                                    policy.accept(o);
                                },
                                Clock.systemUTC(),
                                vrid -> Optional.empty())
                        .start(polling));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private RouterConfig routerConfig(String name, Router router, int port) {
        return RouterConfig.api(name, lab.address(router.host()).getHostAddress(), port, "vigil", Secret.of("vigil"))
                .withTimeout(Duration.ofSeconds(2));
    }

    private void watch() {
        for (String wan : List.of("wan1", "wan2")) {
            String target = lab.wan(wan).targets().get(0).getHostAddress();
            boolean ok = lab.exec(Host.AGENT, "ping", "-c1", "-W1", target).ok();
            int s = streak.merge(wan, ok ? 1 : -1, (old, d) -> (old > 0) == (d > 0) ? old + d : d);
            String previous = wans.get(wan);
            String now = s <= -2 ? "down" : s >= 3 ? "up" : previous;
            if (!now.equals(previous)) {
                wans.put(wan, now);
                ObjectNode data =
                        Json.object().put("wan", wan).put("state", now).put("previous", previous);
                Observation o = new Observation(
                        Clock.systemUTC().instant(),
                        "wan." + now,
                        now.equals("down") ? Severity.CRITICAL : Severity.INFO,
                        "wan/" + wan,
                        data);
                observed.add(o);
                policy.accept(o);
            }
        }
    }

    /** Whether the NAT rule {@code vigil:nat} is enabled on the router, as its API says. */
    static boolean natOn(RouterOsClient client) {
        try {
            List<Map<String, String>> nat = client.print("/ip/firewall/nat", List.of("disabled"), "comment=vigil:nat")
                    .toCompletableFuture()
                    .get(3, TimeUnit.SECONDS);
            return nat.size() == 1 && !Reply.flag(nat.get(0), "disabled");
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Whether both services of the recipe, the NAT rule {@code vigil:nat} and the DHCP server {@code dhcp-lan}, are
     * enabled ({@code true}) or both disabled ({@code false}) on the router, as its API says; false when mixed.
     */
    static boolean servicesAre(RouterOsClient client, boolean enabled) {
        return natOn(client) == enabled && dhcpOn(client) == enabled;
    }

    /** Whether the DHCP server {@code dhcp-lan} is enabled on the router, as its API says. */
    static boolean dhcpOn(RouterOsClient client) {
        try {
            List<Map<String, String>> dhcp = client.print("/ip/dhcp-server", List.of("disabled"), "name=dhcp-lan")
                    .toCompletableFuture()
                    .get(3, TimeUnit.SECONDS);
            return dhcp.size() == 1 && !Reply.flag(dhcp.get(0), "disabled");
        } catch (Exception e) {
            return false;
        }
    }

    List<String> actions() {
        return observed.stream()
                .filter(o -> o.type().startsWith("action."))
                .map(o -> o.type() + " " + o.data().path("router").asText() + " "
                        + o.data().path("action").asText())
                .toList();
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        pollers.forEach(RouterPoller::close);
        polling.shutdownNow();
        if (policy != null) {
            policy.close();
        }
        if (clientA != null) {
            clientA.close();
        }
        if (clientB != null) {
            clientB.close();
        }
        lab.close();
    }
}
