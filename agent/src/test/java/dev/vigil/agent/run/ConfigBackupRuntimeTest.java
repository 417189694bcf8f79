package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.testing.AgentConfigs;
import dev.vigil.agent.testing.Brokers;
import dev.vigil.agent.testing.MqttRecorder;
import dev.vigil.protocol.ConfigExport;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Topics;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running agent exports its router shortly after start and the parts reach the broker as events. */
class ConfigBackupRuntimeTest {
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path dir;

    @Test
    void run_withARouter_exportSentThroughTheOutboxToTheBroker() throws Exception {
        try (MosquittoBroker broker = Brokers.persistent().start();
                MqttRecorder recorder = new MqttRecorder(broker.url(), TOPICS.allSites());
                RouterOsSim sim = RouterOsSim.start(
                        RouterOsSim.Options.defaults(), SimRouter.seeded(SimRouter.Personality.V7, null, 100, true))) {
            Path file = AgentConfigs.write(dir, "cb-site", broker.url());
            Files.writeString(
                    file,
                    String.format(java.util.Locale.ROOT, """
                    routers:
                      - {name: router-a, host: 127.0.0.1, port: %d, username: vigil, password_env: ROUTER_PW}
                    config_backup: {first_delay: 0s}
                    """, sim.apiPort()),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            AgentConfig config = AgentConfig.load(file, new SecretReader(Map.of("ROUTER_PW", "vigil"), w -> {}));
            try (AgentRuntime runtime = AgentRuntime.start(config, Clock.systemUTC(), file)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !exported(recorder).isEmpty());
                List<Event> parts = exported(recorder);
                assertThat(parts).allSatisfy(e -> assertThat(e.subject()).isEqualTo("router/router-a"));
                String text =
                        ConfigExport.assemble(parts.stream().map(Event::data).toList());
                assertThat(text).startsWith("# RouterOS 7.18.2\n").contains("comment=vigil:nat");
                assertThat(sim.router().fileNames()).isEmpty();
            }
        }
    }

    private static List<Event> exported(MqttRecorder recorder) {
        return recorder.events(TOPICS.events("cb-site")).stream()
                .filter(e -> e.type().equals(EventTypes.CONFIG_EXPORTED))
                .toList();
    }
}
