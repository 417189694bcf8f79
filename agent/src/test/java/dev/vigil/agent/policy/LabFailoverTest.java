package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.lab.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end in the site lab: a real keepalived failover caused by the policy through the simulated API. */
class LabFailoverTest {

    @Test
    void masterWanCut_policyDemotesRealKeepalived_servicesFollow_restoredAfterHoldWithoutFlapping(@TempDir Path dir)
            throws Exception {
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(3))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> LabFailoverRig.natOn(rig.clientA) && !LabFailoverRig.natOn(rig.clientB));
            assertThat(rig.lab.master()).contains(Router.A);
            int before = rig.actions().size();

            rig.lab.cutWan("wan1");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> rig.lab.master().equals(Optional.of(Router.B))
                            && LabFailoverRig.natOn(rig.clientB)
                            && !LabFailoverRig.natOn(rig.clientA));
            assertThat(rig.actions().subList(before, rig.actions().size()))
                    .containsSubsequence(
                            "action.executed router-a set_vrrp_priority",
                            "action.executed router-b enable_nat",
                            "action.executed router-b enable_dhcp");
            assertThat(rig.actions())
                    .contains("action.executed router-a disable_nat", "action.executed router-a disable_dhcp");
            assertThat(rig.observed).extracting(o -> o.type()).contains("wan.down");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> rig.observed.stream()
                            .anyMatch(o -> o.type().equals("router.vrrp_state")
                                    && o.subject().equals("router/router-b")
                                    && o.data().path("state").asText().equals("master")));

            int afterFailover = rig.actions().size();
            rig.lab.restoreWan("wan1");
            await().atMost(Duration.ofSeconds(25))
                    .until(() -> rig.lab.master().equals(Optional.of(Router.A))
                            && LabFailoverRig.natOn(rig.clientA)
                            && !LabFailoverRig.natOn(rig.clientB));
            List<String> restore =
                    rig.actions().subList(afterFailover, rig.actions().size());
            assertThat(restore).startsWith("action.executed router-a set_vrrp_priority");
            int settled = rig.actions().size();
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> rig.actions().size() == settled);
            assertThat(rig.lab.master()).contains(Router.A);
            assertThat(rig.actions()).noneMatch(a -> a.startsWith("action.failed"));
            rig.observed.forEach(o ->
                    System.out.println("story: " + o.time() + " " + o.type() + " " + o.subject() + " " + o.data()));
        }
    }
}
