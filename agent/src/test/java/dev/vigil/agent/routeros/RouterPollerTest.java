package dev.vigil.agent.routeros;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterPollerTest {
    private final RouterOsSim sim = SimFixture.sim(RouterOsSim.Options.defaults());
    private final RouterConfig config = SimFixture.config(sim, "vigil");
    private final RouterOsClient client = RouterOsClient.create(config);
    private final List<Observation> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> sniffed = new AtomicReference<>("router-a");
    private final RouterPoller poller =
            new RouterPoller(client, config, seen::add, Clock.systemUTC(), vrid -> Optional.ofNullable(sniffed.get()));

    @AfterEach
    void close() {
        poller.close();
        client.close();
        sim.close();
    }

    private List<String> types() {
        return seen.stream().map(Observation::type).toList();
    }

    @Test
    void poll_healthyMaster_reachableAndVrrpStateAgreeingWithSniffer() {
        RouterSnapshot s = poller.poll();
        assertThat(s.reachable()).isTrue();
        assertThat(s.version()).startsWith("7.");
        assertThat(s.memUsedPct()).isEqualTo(25.0);
        assertThat(s.vrrp("vrrp1").orElseThrow().state()).isEqualTo("master");
        assertThat(s.routes())
                .singleElement()
                .satisfies(r -> assertThat(r.active()).isTrue());
        assertThat(types()).containsExactly("router.reachable", "router.vrrp_state");
        assertThat(seen.get(1).data().path("agrees").asBoolean()).isTrue();
        poller.poll();
        assertThat(seen).hasSize(2);
        assertThat(s.view().role()).isEqualTo("master");
    }

    @Test
    void poll_snifferSeesOtherMaster_disagreementIsWarning() {
        sniffed.set("router-b");
        poller.poll();
        Observation state = seen.get(1);
        assertThat(state.severity()).isEqualTo(dev.vigil.protocol.Severity.WARNING);
        assertThat(state.data().path("agrees").asBoolean()).isFalse();
        assertThat(state.data().path("sniffer_master").asText()).isEqualTo("router-b");
    }

    @Test
    void poll_backupWithMissingFlags_stateBackupAndRouteInactiveReported() {
        sim.router().setVrrpMaster("vrrp1", false);
        sim.router().table(SimRouter.ROUTE).update("*1", Map.of("active", "false"));
        poller.poll();
        assertThat(types()).containsExactly("router.reachable", "router.vrrp_state", "router.route_inactive");
        assertThat(seen.get(1).data().path("state").asText()).isEqualTo("backup");
        assertThat(seen.get(2).data().path("gateway").asText()).isEqualTo("203.0.113.1");
    }

    @Test
    void poll_routerGone_unreachableOnceThenReachableAgain() {
        poller.poll();
        sim.close();
        poller.poll();
        poller.poll();
        assertThat(types()).containsExactly("router.reachable", "router.vrrp_state", "router.unreachable");
        assertThat(seen.get(2).data().path("error").asText()).isNotBlank();
    }
}
