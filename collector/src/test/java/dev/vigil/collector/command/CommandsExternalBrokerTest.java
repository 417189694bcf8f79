package dev.vigil.collector.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandKeys;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.Json;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** With Debian's mosquitto as the broker the collector publishes commands there and follows the agent's answers. */
class CommandsExternalBrokerTest {
    @Test
    void command_throughMosquitto_reachesTheAgentSigned_andItsAnswerSettlesIt() throws Exception {
        try (MosquittoBroker broker = new MosquittoBroker().start();
                RunningCollector collector =
                        new RunningCollector(c -> c.withBroker(broker.url(), null, null, "cmd-c1"))) {
            collector.app().directory().addSite("ext-one", List.of());
            MqttClient client = new MqttClient(broker.url(), "ext-one-agent", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setConnectionTimeout(10);
            client.connect(o);
            try (AgentDouble agent = new AgentDouble("ext-one", client)) {
                ApiClient admin = collector.admin();
                var key = CommandKeys.parsePublicKey(
                        admin.get("/api/command-key").json().get("public_key").asText());
                ApiClient.Reply sent = admin.post(
                        "/api/sites/ext-one/commands",
                        "{\"action\":\"backup_config\",\"args\":{\"router\":\"router-a\"},\"expires_in_s\":120}");
                assertThat(sent.status()).as(sent.body()).isEqualTo(202);
                String id = sent.json().get("id").asText();

                Command command = AgentDouble.decode(agent.messageOf(id));
                assertThat(CommandSignatures.verifies(command, key)).isTrue();
                assertThat(command.issuer()).isEqualTo("admin");
                assertThat(Duration.between(command.issuedAt(), command.expiresAt()))
                        .isEqualTo(Duration.ofMinutes(2));

                agent.answer(
                        "command.completed",
                        Json.object()
                                .put("command_id", id)
                                .set("result", Json.object().put("routers", 1)));
                await().atMost(Duration.ofSeconds(15))
                        .until(
                                () -> admin.get("/api/commands/" + id)
                                        .json()
                                        .get("status")
                                        .asText(),
                                "completed"::equals);
                assertThat(admin.get("/api/commands/" + id)
                                .json()
                                .get("result")
                                .get("routers")
                                .asInt())
                        .isEqualTo(1);
            }
        }
    }
}
