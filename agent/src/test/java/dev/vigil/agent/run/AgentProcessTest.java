package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.testing.AgentConfigs;
import dev.vigil.agent.testing.AgentProcess;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as its own process, killed with SIGKILL or stopped with SIGTERM. */
class AgentProcessTest {
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    private static boolean statusIs(MqttRecorder recorder, String site, String status) {
        return recorder.last(TOPICS.status(site))
                .map(m -> m.text().contains("\"status\":\"" + status + "\""))
                .orElse(false);
    }

    @Test
    void kill9_connectedAgent_brokerPublishesRetainedOfflineLastWill() throws Exception {
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.status("will-site"))) {
            Path config = AgentConfigs.write(dir, "will-site", broker.url());
            try (AgentProcess agent = AgentProcess.child(config, 0, dir.resolve("agent.log"))) {
                agent.awaitOutput("READY", Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(20)).until(() -> statusIs(recorder, "will-site", "online"));
                agent.kill9();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> statusIs(recorder, "will-site", "offline"));
            try (MqttRecorder late = new MqttRecorder(broker.url(), TOPICS.status("will-site"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> statusIs(late, "will-site", "offline"));
                assertThat(late.last(TOPICS.status("will-site")).orElseThrow().retained())
                        .isTrue();
            }
        }
    }

    @Test
    void kill9_withUnsentEvents_deliveredInOrderAfterRestart() throws Exception {
        int events = 1_000;
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = MqttRecorder.persistent(broker.url(), TOPICS.events("kill-site"))) {
            broker.stop();
            Path config = AgentConfigs.write(dir, "kill-site", broker.url());
            try (AgentProcess agent = AgentProcess.child(config, events, dir.resolve("first.log"))) {
                agent.awaitOutput("READY", Duration.ofSeconds(30));
                agent.kill9();
            }
            broker.start();
            try (AgentProcess agent = AgentProcess.child(config, 0, dir.resolve("second.log"))) {
                agent.awaitOutput("READY", Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> recorder.distinctEvents(TOPICS.events("kill-site"))
                                        .size()
                                >= events + 2);
            }
            List<Event> delivered = recorder.distinctEvents(TOPICS.events("kill-site"));
            assertThat(delivered).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
            assertThat(delivered.get(0).type()).isEqualTo("agent.started");
            assertThat(delivered.subList(1, events + 1))
                    .extracting(Event::subject)
                    .startsWith("check/c0", "check/c1")
                    .endsWith("check/c" + (events - 1));
            assertThat(delivered.get(events + 1).type()).isEqualTo("agent.started");
        }
    }

    @Test
    void sigterm_runCommand_flushesAndPublishesOffline() throws Exception {
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.allSites())) {
            Path config = AgentConfigs.write(dir, "term-site", broker.url());
            try (AgentProcess agent = AgentProcess.cli(dir.resolve("cli.log"), "run", "--config", config.toString())) {
                agent.awaitOutput("running", Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(20)).until(() -> statusIs(recorder, "term-site", "online"));
                agent.terminate();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> statusIs(recorder, "term-site", "offline"));
            assertThat(recorder.events(TOPICS.events("term-site")))
                    .extracting(Event::type)
                    .containsExactly("agent.started", "agent.stopping");
        }
    }
}
