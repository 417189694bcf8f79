package dev.vigil.collector.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Discovery through Debian's mosquitto: retained configs there, sent again on Home Assistant's birth message. */
class DiscoveryExternalBrokerTest {
    @Test
    void discovery_externalBroker_retainsValidConfigsAndResendsOnBirth() throws Exception {
        try (MosquittoBroker broker = new MosquittoBroker().start();
                RunningCollector collector = new RunningCollector(c ->
                        c.withBroker(broker.url(), null, null, "c-ha").withHomeAssistantDiscovery("homeassistant"))) {
            MqttClient agent = new MqttClient(broker.url(), "ext-agent", new MemoryPersistence());
            agent.connect();
            agent.publish("vigil/v1/sites/ext-site/status", Payloads.status("ext-site", SiteStatus.ONLINE), 1, true);
            agent.publish("vigil/v1/sites/ext-site/state", Payloads.state("ext-site", "192.0.2.11"), 1, true);

            String wan = "homeassistant/binary_sensor/vigil_ext-site/wan_wan1/config";
            // wait until the collector has published, so that Home Assistant below finds the configs retained
            Map<String, String> probe = new ConcurrentHashMap<>();
            MqttClient early = new MqttClient(broker.url(), "probe", new MemoryPersistence());
            early.connect();
            early.subscribe(
                    "homeassistant/#", 1, (t, m) -> probe.put(t, new String(m.getPayload(), StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.containsKey(wan) && probe.size() >= 5);
            early.disconnect();

            Map<String, List<Boolean>> retainedFlags = new ConcurrentHashMap<>();
            Map<String, String> last = new ConcurrentHashMap<>();
            MqttClient ha = new MqttClient(broker.url(), "home-assistant", new MemoryPersistence());
            ha.connect();
            ha.subscribe("homeassistant/#", 1, (topic, m) -> {
                retainedFlags
                        .computeIfAbsent(topic, k -> new CopyOnWriteArrayList<>())
                        .add(m.isRetained());
                last.put(topic, new String(m.getPayload(), StandardCharsets.UTF_8));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> last.keySet().containsAll(probe.keySet()));
            for (Map.Entry<String, String> c : last.entrySet()) {
                assertThat(retainedFlags.get(c.getKey()).get(0)).as(c.getKey()).isTrue();
                assertThat(DiscoverySchema.problems(c.getKey(), WireCodec.readTree(c.getValue())))
                        .isEmpty();
            }

            ha.publish("homeassistant/status", "online".getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> retainedFlags.get(wan).stream().anyMatch(r -> !r));
            ha.disconnect();
            agent.disconnect();
        }
    }
}
