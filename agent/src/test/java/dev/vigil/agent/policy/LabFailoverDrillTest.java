package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.command.CommandFailedException;
import dev.vigil.agent.command.CommandRequest;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.VrrpConfig;
import dev.vigil.agent.vrrp.VrrpMonitor;
import dev.vigil.agent.vrrp.testing.LabSniffer;
import dev.vigil.protocol.Json;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill in the site lab: real keepalived pair, a RouterOS simulator driving each, the real policy, the real VRRP
 * observer for the drill and a second, independent capture to compare its takeover time with.
 */
class LabFailoverDrillTest {
    /** keepalived sends its first advert at the lowered priority within one advert interval (1 s) of the reload. */
    private static final long TOLERANCE_MS = 1_000 + 300;

    private final List<Observation> sniffed = new CopyOnWriteArrayList<>();

    @Test
    void drill_flipsTheKeepalivedPairAndBack_natAndDhcpFollow_takeoverAgreesWithTheSniffer(@TempDir Path dir)
            throws Exception {
        Prerequisites.requireRoot("the site lab");
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(3));
                VrrpMonitor monitor = monitor(rig);
                LabSniffer witness = new LabSniffer(rig.lab)) {
            settled(rig, monitor);
            int mark = witness.mark();

            ObjectNode result = drill(rig, monitor, FailoverDrill.RESTORE_TIMEOUT)
                    .run(request("01LABDRILL", 2))
                    .toCompletableFuture()
                    .get(150, TimeUnit.SECONDS);

            assertThat(result.path("passed").asBoolean())
                    .as(result + story(rig))
                    .isTrue();
            assertThat(result.path("from_router").asText()).isEqualTo("router-a");
            assertThat(result.path("to_router").asText()).isEqualTo("router-b");
            long takeover = result.path("takeover_ms").asLong();
            assertThat(takeover).isPositive();
            assertThat(result.path("nat_ms").asLong()).isPositive();
            assertThat(result.path("dhcp_ms").asLong()).isPositive();
            assertThat(result.path("restore_ms").asLong()).isPositive();
            assertThat(rig.lab.master()).contains(Router.A);
            assertThat(configured(rig, Router.A))
                    .isEqualTo(result.path("original_priority").asInt());
            assertThat(result.path("demoted_to").asInt()).isEqualTo(50);
            assertThat(LabFailoverRig.servicesAre(rig.clientA, true)).isTrue();
            assertThat(LabFailoverRig.servicesAre(rig.clientB, false)).isTrue();
            assertThat(rig.actions()).noneMatch(a -> a.contains("wan_aware") || a.startsWith("action.failed"));

            String a = rig.routerA.host();
            String b = rig.routerB.host();
            Observation demotedAdvert = witness
                    .events()
                    .subList(mark, witness.events().size())
                    .stream()
                    .filter(o -> o.type().equals("vrrp.priority_changed")
                            && o.data().path("source").asText().equals(a))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no advert at the lowered priority" + story(rig)));
            Observation changed = witness
                    .events()
                    .subList(mark, witness.events().size())
                    .stream()
                    .filter(o -> o.type().equals("vrrp.master_changed")
                            && o.data().path("master").asText().equals(b))
                    .findFirst()
                    .orElseThrow();
            long sniffed =
                    Duration.between(demotedAdvert.time(), changed.time()).toMillis();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "drill: takeover_ms=%d nat_ms=%d dhcp_ms=%d restore_ms=%d; witness sniffer: lowered advert ->"
                            + " new master %d ms%n",
                    takeover,
                    result.path("nat_ms").asLong(),
                    result.path("dhcp_ms").asLong(),
                    result.path("restore_ms").asLong(),
                    sniffed);
            assertThat(takeover - sniffed).as("takeover_ms - witness failover").isBetween(0L, TOLERANCE_MS);
            assertThat(rig.observed)
                    .filteredOn(o -> o.type().equals("drill.completed"))
                    .singleElement()
                    .satisfies(o -> assertThat(o.data()).isEqualTo(result));
        }
    }

    @Test
    void drill_backupKeepalivedStopped_refusedUnhealthyPair_nothingChanged(@TempDir Path dir) throws Exception {
        Prerequisites.requireRoot("the site lab");
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(3));
                VrrpMonitor monitor = monitor(rig)) {
            settled(rig, monitor);
            rig.lab.stopRouter(Router.B);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rig.lab.vrrpState(Router.B).equals("STOP"));
            String config = java.nio.file.Files.readString(rig.lab.keepalivedConfig(Router.A));

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class,
                    () -> drill(rig, monitor, FailoverDrill.RESTORE_TIMEOUT)
                            .run(request("01LABREFUSED", 2))
                            .toCompletableFuture()
                            .get(60, TimeUnit.SECONDS));

            CommandFailedException failed = (CommandFailedException) e.getCause();
            assertThat(failed.reason()).isEqualTo("unhealthy_pair");
            assertThat(failed.getMessage()).contains("router-b is not a VRRP backup: its lan4 is unknown");
            assertThat(java.nio.file.Files.readString(rig.lab.keepalivedConfig(Router.A)))
                    .isEqualTo(config);
            assertThat(rig.lab.master()).contains(Router.A);
            assertThat(rig.actions()).noneMatch(a -> a.contains("set_vrrp_priority"));
            assertThat(rig.observed).noneMatch(o -> o.type().equals("drill.completed"));
        }
    }

    @Test
    void drill_masterApiDisappearsDuringTheHold_restoreRetried_restoreFailedWithThePairState(@TempDir Path dir)
            throws Exception {
        Prerequisites.requireRoot("the site lab");
        try (LabFailoverRig rig = new LabFailoverRig(dir, Duration.ofSeconds(3));
                VrrpMonitor monitor = monitor(rig)) {
            settled(rig, monitor);
            var running = drill(rig, monitor, Duration.ofSeconds(8))
                    .run(request("01LABGONE", 20))
                    .toCompletableFuture();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> rig.lab.master().equals(Optional.of(Router.B))
                            && LabFailoverRig.servicesAre(rig.clientB, true));
            rig.simA.destroy();
            assertThat(rig.simA.waitFor(10, TimeUnit.SECONDS)).isTrue();

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ExecutionException.class, () -> running.get(120, TimeUnit.SECONDS));

            CommandFailedException failed = (CommandFailedException) e.getCause();
            assertThat(failed.reason()).as(failed.getMessage() + story(rig)).isEqualTo("restore_failed");
            ObjectNode pair = (ObjectNode) failed.data().path("pair");
            assertThat(pair.path("master").asText()).isEqualTo("router-b");
            assertThat(pair.path("demoted").asText()).isEqualTo("router-a");
            assertThat(pair.path("priorities").path("router-a").asInt()).isEqualTo(50);
            assertThat(pair.path("priorities").path("router-b").asInt()).isEqualTo(configured(rig, Router.B));
            assertThat(pair.path("unreachable").toString()).isEqualTo("[\"router-a\"]");
            assertThat(failed.data().path("restore_attempts").asInt()).isGreaterThan(1);
            assertThat(configured(rig, Router.A))
                    .as("the state reported is the real one")
                    .isEqualTo(50);
            assertThat(rig.lab.master()).contains(Router.B);
            assertThat(rig.observed)
                    .filteredOn(o -> o.type().equals("drill.completed"))
                    .singleElement()
                    .satisfies(o -> assertThat(o.data().path("reason").asText()).isEqualTo("restore_failed"));
        }
    }

    /** The priority of lan4 in the router's keepalived.conf, as the simulator last wrote it. */
    private static int configured(LabFailoverRig rig, Router router) throws java.io.IOException {
        String conf = java.nio.file.Files.readString(rig.lab.keepalivedConfig(router));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?s)vrrp_instance\\s+lan4\\s*\\{.*?priority\\s+(\\d+)")
                .matcher(conf);
        assertThat(m.find()).as(conf).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private VrrpMonitor monitor(LabFailoverRig rig) throws Exception {
        String lan = rig.lab.lanInterface(Host.AGENT);
        return rig.lab.runIn(Host.AGENT, () -> VrrpMonitor.live(VrrpConfig.of(lan), sniffed::add, Clock.systemUTC()));
    }

    private static void settled(LabFailoverRig rig, VrrpMonitor monitor) {
        String a = rig.routerA.host();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> LabFailoverRig.servicesAre(rig.clientA, true)
                        && LabFailoverRig.servicesAre(rig.clientB, false)
                        && monitor.groups().stream().anyMatch(g -> g.family().equals("IPv4") && a.equals(g.master()))
                        && "up".equals(rig.wans.get("wan2")));
        assertThat(rig.lab.master()).contains(Router.A);
    }

    private static FailoverDrill drill(LabFailoverRig rig, VrrpMonitor monitor, Duration restoreTimeout) {
        DrillParts parts = new DrillParts(
                rig.config,
                Map.of("router-a", rig.clientA, "router-b", rig.clientB),
                Map.of("router-a", rig.routerA.host(), "router-b", rig.routerB.host()),
                Map.of("wan1", "router-a", "wan2", "router-b"),
                w -> Optional.ofNullable(rig.wans.get(w)),
                monitor::groups,
                rig.policy,
                rig.observed::add,
                Clock.systemUTC(),
                Pacer.SLEEP,
                FailoverDrill.WAIT_TIMEOUT,
                restoreTimeout,
                rig.config.verifyInterval(),
                rig.lab.directory().resolve("commands"));
        return new FailoverDrill(parts, task -> new Thread(task, "lab-drill").start());
    }

    private static CommandRequest request(String id, int holdS) {
        Instant now = Instant.now();
        return new CommandRequest(
                id, "failover_drill", Json.object().put("hold_s", holdS), "lab", now, now.plusSeconds(300));
    }

    private String story(LabFailoverRig rig) {
        StringBuilder story = new StringBuilder("\nstory:");
        List<Observation> all = new java.util.ArrayList<>(rig.observed);
        all.addAll(sniffed);
        all.sort(java.util.Comparator.comparing(Observation::time));
        all.forEach(o -> story.append("\n  ")
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
