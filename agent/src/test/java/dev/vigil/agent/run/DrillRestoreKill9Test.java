package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.routeros.ApiRouterOsClient;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.testing.CommandSigner;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.RouterOsSimulators;
import dev.vigil.testkit.lab.SiteLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil-agent run} in the site lab (keepalived pair driven by a RouterOS simulator in each router namespace)
 * is SIGKILLed in the hold of a failover drill, with router-a demoted: started again on the same
 * {@code commands.state_dir}, it puts router-a's priority back and says so.
 */
class DrillRestoreKill9Test {
    private static final String SITE = "drill-kill-site";
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    @Test
    void kill9InTheHold_nextStartRestoresTheMastersPriority_drillCompletedInterrupted() throws Exception {
        Prerequisites.requireRoot("the site lab");
        Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        CommandSigner collector = new CommandSigner(SITE, Clock.systemUTC());
        try (SiteLab lab = SiteLab.builder().wans(2).start()) {
            int port = AgentInLab.startBroker(lab, dir, SITE);
            int portA = RouterOsSimulators.start(lab, Router.A, dir);
            int portB = RouterOsSimulators.start(lab, Router.B, dir);
            Path secret = Files.writeString(dir.resolve("router.secret"), "vigil\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Path stateDir = dir.resolve("commands");
            Path config = dir.resolve("agent.yaml");
            Files.writeString(
                    config,
                    AgentInLab.yaml(lab, SITE, port, portA, portB, secret)
                            + "commands: {public_key: '" + collector.publicKeyText() + "', state_dir: '" + stateDir
                            + "'}\n",
                    StandardCharsets.UTF_8);
            RouterConfig routerA = RouterConfig.api(
                            "router-a", lab.address(Host.ROUTER_A).getHostAddress(), portA, "vigil", Secret.of("vigil"))
                    .withTimeout(Duration.ofSeconds(2));
            try (RouterOsClient clientA = new ApiRouterOsClient(routerA, lab.newThreadFactory(Host.AGENT))) {
                Process first = spawnAgent(lab, config, "first.log");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !events("vrrp.master_elected").isEmpty()
                                && events("wan.up").size() >= 2
                                && published().contains("\"status\":\"online\""));
                assertThat(lab.master()).hasValue(Router.A);
                int original = priority(clientA);
                assertThat(original).isGreaterThan(50);

                Command drill =
                        collector.signed("failover_drill", Json.object().put("hold_s", 600), Duration.ofMinutes(10));
                Path bytes = Files.write(dir.resolve("drill.cmd"), CommandSigner.bytes(drill));
                assertThat(lab.exec(
                                        Host.AGENT,
                                        "mosquitto_pub",
                                        "-p",
                                        "" + port,
                                        "-q",
                                        "1",
                                        "-t",
                                        TOPICS.commands(SITE),
                                        "-f",
                                        bytes.toString())
                                .exitCode())
                        .isZero();
                // killed once the demotion is on the router and its event is out: an event the agent had not yet put
                // in its outbox when it was killed is lost with it, and that is not what this test is about
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> priority(clientA) == 50
                                && actions().contains("failover_drill router-a " + original + "->50"));
                first.destroyForcibly();
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(stateDir.resolve("failover-drill-restore.json")).exists();
                assertThat(priority(clientA)).as("nothing else restores it").isEqualTo(50);
                assertThat(events("drill.completed")).isEmpty();

                Process second = spawnAgent(lab, config, "second.log");
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> priority(clientA) == original
                                && !events("drill.completed").isEmpty());
                JsonNode completed = events("drill.completed").get(0);
                assertThat(completed.path("subject").asText()).isEqualTo("command/" + drill.id());
                assertThat(completed.path("severity").asText()).isEqualTo("warning");
                JsonNode data = completed.path("data");
                assertThat(data.path("passed").asBoolean()).isFalse();
                assertThat(data.path("reason").asText()).isEqualTo("interrupted");
                assertThat(data.path("restored").asBoolean()).isTrue();
                assertThat(data.path("from_router").asText()).isEqualTo("router-a");
                assertThat(data.path("original_priority").asInt()).isEqualTo(original);
                assertThat(data.path("demoted_to").asInt()).isEqualTo(50);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(actions()).contains("failover_drill router-a 50->" + original));
                assertThat(stateDir.resolve("failover-drill-restore.json")).doesNotExist();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> lab.master().equals(java.util.Optional.of(Router.A)));
                second.destroy();
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** The {@code action.executed} events published so far, as "rule router before->after". */
    private List<String> actions() throws IOException {
        return events("action.executed").stream()
                .map(e -> e.path("data").path("rule").asText() + " "
                        + e.path("data").path("router").asText() + " "
                        + e.path("data").path("before").asText() + "->"
                        + e.path("data").path("after").asText())
                .toList();
    }

    private static int priority(RouterOsClient client) throws Exception {
        return Integer.parseInt(client.print("/interface/vrrp", List.of("name", "priority"), "name=lan4")
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .get(0)
                .get("priority"));
    }

    private Process spawnAgent(SiteLab lab, Path config, String log) {
        return lab.spawn(
                Host.AGENT,
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.vigil.agent.cli.AgentMain",
                        "run",
                        "--config",
                        config.toString()),
                dir.resolve(log));
    }

    private String published() throws IOException {
        Path file = dir.resolve("published.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The events of this type the broker delivered (mosquitto_sub -v: topic, space, payload, one per line). */
    private List<JsonNode> events(String type) throws IOException {
        String topic = TOPICS.events(SITE) + " ";
        List<JsonNode> out = new ArrayList<>();
        for (String line : published().split("\n")) {
            if (line.startsWith(topic)) {
                try {
                    JsonNode event = WireCodec.readTree(line.substring(topic.length()));
                    if (type.equals(event.path("type").asText())) {
                        out.add(event);
                    }
                } catch (RuntimeException e) {
                    // a line still being written
                }
            }
        }
        return out;
    }
}
