package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.testing.AgentConfigs;
import dev.vigil.agent.testing.AgentProcess;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.CommandSigner;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent process is SIGKILLed after running a command: neither that command nor a pause is lost or rerun. */
class CommandReplayKill9Test {
    private static final Topics TOPICS = Topics.defaults();
    private static final String SITE = "kill-cmd-site";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void kill9AfterACommandRan_sameCommandAfterRestartIsReplayed_andThePauseStillHolds() throws Exception {
        CommandSigner collector = new CommandSigner(SITE, Clock.systemUTC());
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.events(SITE))) {
            Path config = AgentConfigs.write(dir, SITE, broker.url());
            Files.writeString(
                    config, "commands: {public_key: '" + collector.publicKeyText() + "'}\n", StandardOpenOption.APPEND);
            Instant until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Command pause = collector.signed(
                    "pause_repairs", Json.object().put("until", until.toString()), Duration.ofMinutes(10));
            MqttClient admin = new MqttClient(broker.url(), "admin-" + UUID.randomUUID(), new MemoryPersistence());
            admin.connect();
            try (AgentProcess agent =
                    AgentProcess.cli(dir.resolve("first.log"), "run", "--config", config.toString())) {
                agent.awaitOutput("running", WAIT);
                await().atMost(WAIT).until(() -> outcomes(recorder, pause).size() == 0 && started(recorder) == 1);
                admin.publish(TOPICS.commands(SITE), CommandSigner.bytes(pause), 1, false);
                await().atMost(WAIT).until(() -> outcomes(recorder, pause).contains("command.completed"));
                agent.kill9();
            }
            try (AgentProcess agent =
                    AgentProcess.cli(dir.resolve("second.log"), "run", "--config", config.toString())) {
                agent.awaitOutput("running", WAIT);
                await().atMost(WAIT).until(() -> started(recorder) == 2);
                admin.publish(TOPICS.commands(SITE), CommandSigner.bytes(pause), 1, false);
                await().atMost(WAIT).until(() -> outcomes(recorder, pause).size() == 2);
                assertThat(agent.output()).contains("repairs are paused until " + until + " by alice");
                agent.terminate();
            }
            admin.disconnect();
            admin.close();
            assertThat(outcomes(recorder, pause)).containsExactly("command.completed", "command.rejected replayed");
            assertThat(recorder.distinctEvents(TOPICS.events(SITE)).stream().map(Event::type))
                    .filteredOn(t -> t.startsWith("repairs."))
                    .containsExactly("repairs.paused");
        }
    }

    private static long started(MqttRecorder recorder) {
        return recorder.distinctEvents(TOPICS.events(SITE)).stream()
                .filter(e -> e.type().equals("agent.started"))
                .count();
    }

    private static List<String> outcomes(MqttRecorder recorder, Command command) {
        return recorder.distinctEvents(TOPICS.events(SITE)).stream()
                .filter(e -> e.type().startsWith("command."))
                .filter(e -> command.id().equals(e.data().path("command_id").asText()))
                .map(e -> e.type()
                        + (e.type().equals("command.rejected")
                                ? " " + e.data().path("reason").asText()
                                : ""))
                .toList();
    }
}
