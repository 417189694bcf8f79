package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.lab.Router;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end in the site lab: a real keepalived failover caused by the policy through the simulated API. */
class LabFailoverTest {

    @Test
    void masterWanCut_policyDemotesRealKeepalived_servicesFollow_restoredAfterHoldWithoutFlapping(@TempDir Path dir)
            throws Exception {
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(3))) {
            try {
                failoverAndRestore(rig);
            } catch (AssertionError | ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + story(rig), e);
            }
        }
    }

    private static void failoverAndRestore(LabFailoverRig rig) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> LabFailoverRig.servicesAre(rig.clientA, true)
                        && LabFailoverRig.servicesAre(rig.clientB, false));
        assertThat(rig.lab.master()).contains(Router.A);
        int before = rig.actions().size();

        rig.lab.cutWan("wan1");
        // Converged means the routers show the end state AND the policy has reported every step of it: the
        // router shows a write before the policy's read-back reports it, and DHCP is switched after NAT.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(rig.lab.master()).contains(Router.B);
            assertThat(LabFailoverRig.servicesAre(rig.clientB, true))
                    .as("NAT+DHCP on router-b")
                    .isTrue();
            assertThat(LabFailoverRig.servicesAre(rig.clientA, false))
                    .as("NAT+DHCP off router-a")
                    .isTrue();
            assertThat(rig.actions().subList(before, rig.actions().size()))
                    .containsSubsequence(
                            "action.executed router-a set_vrrp_priority",
                            "action.executed router-b enable_nat",
                            "action.executed router-b enable_dhcp")
                    .contains("action.executed router-a disable_nat", "action.executed router-a disable_dhcp");
        });
        assertThat(rig.observed).extracting(o -> o.type()).contains("wan.down");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> rig.observed.stream()
                        .anyMatch(o -> o.type().equals("router.vrrp_state")
                                && o.subject().equals("router/router-b")
                                && o.data().path("state").asText().equals("master")));

        int afterFailover = rig.actions().size();
        rig.lab.restoreWan("wan1");
        await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
            assertThat(rig.lab.master()).contains(Router.A);
            assertThat(LabFailoverRig.servicesAre(rig.clientA, true))
                    .as("NAT+DHCP on router-a")
                    .isTrue();
            assertThat(LabFailoverRig.servicesAre(rig.clientB, false))
                    .as("NAT+DHCP off router-b")
                    .isTrue();
            assertThat(rig.actions().subList(afterFailover, rig.actions().size()))
                    .startsWith("action.executed router-a set_vrrp_priority")
                    .contains(
                            "action.executed router-a enable_nat",
                            "action.executed router-a enable_dhcp",
                            "action.executed router-b disable_nat",
                            "action.executed router-b disable_dhcp");
        });
        int settled = rig.actions().size();
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(
                                rig.actions().subList(settled, rig.actions().size()))
                        .as("actions after the restore settled")
                        .isEmpty());
        assertThat(rig.lab.master()).contains(Router.A);
        assertThat(rig.actions()).noneMatch(a -> a.startsWith("action.failed"));
    }

    private static String story(LabFailoverRig rig) {
        StringBuilder story = new StringBuilder("story:");
        rig.observed.forEach(o -> story.append("\n  ")
                .append(o.time())
                .append(' ')
                .append(o.type())
                .append(' ')
                .append(o.subject())
                .append(' ')
                .append(o.data()));
        return story.toString();
    }
}
