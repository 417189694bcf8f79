package dev.vigil.agent.run;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.CommandSigner;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.agent.testing.TcpProxy;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running agent takes signed commands over a real mosquitto, through a TCP proxy that can cut the agent's link
 * while the broker keeps its session, with a simulated RouterOS router to poll.
 */
class AgentCommandsTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final String SITE = "cmd-site";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CommandSigner collector = new CommandSigner(SITE, Clock.systemUTC());
    private MosquittoBroker broker;
    private TcpProxy proxy;
    private RouterOsSim router;
    private MqttRecorder recorder;
    private MqttClient admin;
    private AgentRuntime agent;

    @BeforeEach
    void start() throws Exception {
        broker = Brokers.persistent().start();
        proxy = new TcpProxy(broker.port());
        router = RouterOsSim.start(
                RouterOsSim.Options.defaults(), SimRouter.seeded(SimRouter.Personality.V7, null, 100, true));
        recorder = new MqttRecorder(broker.url(), TOPICS.allSites());
        admin = new MqttClient(broker.url(), "admin-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("admin");
        admin.connect(options);
        Path file = Files.writeString(
                dir.resolve("agent.yaml"),
                String.format(
                        java.util.Locale.ROOT,
                        """
                site: %s
                routers:
                  - {name: router-a, host: 127.0.0.1, port: %d, username: vigil, password_env: ROUTER_PW}
                mqtt:
                  url: %s
                  reconnect: {min: 100ms, max: 500ms}
                outbox: {dir: %s}
                http: {enabled: false}
                commands: {public_key: '%s'}
                """,
                        SITE,
                        router.apiPort(),
                        proxy.url(),
                        dir.resolve("outbox"),
                        collector.publicKeyText()),
                UTF_8);
        AgentConfig config = AgentConfig.load(file, new SecretReader(Map.of("ROUTER_PW", "vigil"), w -> {}));
        agent = AgentRuntime.start(config, Clock.systemUTC(), file);
        await().atMost(WAIT).until(() -> agent.publisher().isConnected());
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        admin.disconnect();
        admin.close();
        recorder.close();
        router.close();
        proxy.close();
        broker.close();
    }

    @Test
    void signedCommands_completedOnTheEventsTopic_withTheirResults() throws Exception {
        Command probe = collector.signed("probe_now");
        Command refresh = collector.signed("refresh_state");
        int statesBefore = recorder.on(TOPICS.state(SITE)).size();

        send(probe);
        send(refresh);

        Event probed = await().atMost(WAIT)
                .until(() -> outcome(probe), Optional::isPresent)
                .orElseThrow();
        assertThat(probed.type()).isEqualTo("command.completed");
        assertThat(probed.subject()).isEqualTo("command/" + probe.id());
        assertThat(probed.data().path("issuer").asText()).isEqualTo("alice");
        assertThat(probed.data().path("result").path("routers").toString())
                .isEqualTo("[{\"name\":\"router-a\",\"reachable\":true}]");
        Event refreshed = await().atMost(WAIT)
                .until(() -> outcome(refresh), Optional::isPresent)
                .orElseThrow();
        assertThat(refreshed.type()).isEqualTo("command.completed");
        assertThat(refreshed.data().path("result").path("connected").asBoolean())
                .isTrue();
        await().atMost(WAIT).until(() -> recorder.on(TOPICS.state(SITE)).size() > statesBefore);
    }

    @Test
    void commandsSentWhileTheLinkIsCut_arriveWhenItReturns_andOneThatExpiredMeanwhileIsRefused() throws Exception {
        proxy.cut();
        await().atMost(WAIT).until(() -> !agent.publisher().isConnected());
        Command lasting = collector.signed("refresh_state");
        Command shortLived = collector.signed("probe_now", Json.object(), Duration.ofSeconds(2));
        send(lasting);
        send(shortLived);
        await().atMost(WAIT).until(() -> Instant.now().isAfter(shortLived.expiresAt()));
        assertThat(outcome(lasting)).isEmpty();

        proxy.restore();

        Event ran = await().atMost(WAIT)
                .until(() -> outcome(lasting), Optional::isPresent)
                .orElseThrow();
        assertThat(ran.type()).isEqualTo("command.completed");
        Event refused = await().atMost(WAIT)
                .until(() -> outcome(shortLived), Optional::isPresent)
                .orElseThrow();
        assertThat(refused.type()).isEqualTo("command.rejected");
        assertThat(refused.data().path("reason").asText()).isEqualTo("expired");
    }

    @Test
    void commandSignedWithAnotherKey_publishedByAnAdmin_refusedAsBadSignature_andReplayRefused() throws Exception {
        CommandSigner impostor = new CommandSigner(SITE, Clock.systemUTC());
        Command forged = impostor.signed(
                "pause_repairs",
                Json.object().put("until", Instant.now().plusSeconds(600).toString()),
                Duration.ofMinutes(5));
        Command genuine = collector.signed("resume_repairs");

        send(forged);
        send(genuine);
        send(genuine);

        Event refused = await().atMost(WAIT)
                .until(() -> outcome(forged), Optional::isPresent)
                .orElseThrow();
        assertThat(refused.type()).isEqualTo("command.rejected");
        assertThat(refused.data().path("reason").asText()).isEqualTo("bad_signature");
        await().atMost(WAIT).until(() -> outcomes(genuine) == 2);
        assertThat(recorder.events(TOPICS.events(SITE)).stream()
                        .filter(e ->
                                genuine.id().equals(e.data().path("command_id").asText()))
                        .map(e -> e.type() + " " + e.data().path("reason").asText("")))
                .containsExactly("command.completed ", "command.rejected replayed");
        assertThat(recorder.events(TOPICS.events(SITE))).noneMatch(e -> e.type().equals("repairs.paused"));
    }

    private void send(Command command) throws Exception {
        admin.publish(TOPICS.commands(SITE), CommandSigner.bytes(command), 1, false);
    }

    private Optional<Event> outcome(Command command) {
        return recorder.events(TOPICS.events(SITE)).stream()
                .filter(e -> e.type().startsWith("command."))
                .filter(e -> command.id().equals(e.data().path("command_id").asText()))
                .findFirst();
    }

    private long outcomes(Command command) {
        return recorder.events(TOPICS.events(SITE)).stream()
                .filter(e -> e.type().startsWith("command."))
                .filter(e -> command.id().equals(e.data().path("command_id").asText()))
                .count();
    }
}
