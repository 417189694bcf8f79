package dev.vigil.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.mqtt.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Two collectors share one subscription on Debian's mosquitto: every event is stored exactly once. */
class ExternalBrokerTest {
    private static final int EVENTS = 200;

    @Test
    void twoCollectors_sharedSubscription_storeEachEventOnce_andPublishAlertsToTheBroker() throws Exception {
        Path mosquittoSub = Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        try (MosquittoBroker broker = new MosquittoBroker().start();
                RunningCollector first = new RunningCollector(c -> c.withBroker(broker.url(), null, null, "c1"));
                RunningCollector second = new RunningCollector(c -> c.withBroker(broker.url(), null, null, "c2"))) {
            Process alerts = new ProcessBuilder(
                            mosquittoSub.toString(),
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(broker.port()),
                            "-t",
                            "vigil/v1/alerts/#",
                            "-C",
                            "1",
                            "-W",
                            "30")
                    .redirectErrorStream(true)
                    .start();
            MqttClient agent = new MqttClient(broker.url(), "ext-agent", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMaxInflight(100);
            agent.connect(o);
            for (int i = 0; i < EVENTS; i++) {
                byte[] event = Payloads.info("ext-site");
                agent.publish("vigil/v1/sites/ext-site/events", event, 1, false);
            }
            agent.publish("vigil/v1/sites/ext-site/events", Payloads.wanDown("ext-site", "wan1"), 1, false);
            agent.disconnect();

            await().atMost(Duration.ofSeconds(30))
                    .during(Duration.ofMillis(1500))
                    .until(() -> first.app().stores().events().count()
                                    + second.app().stores().events().count()
                            == EVENTS + 1);
            assertThat(first.app().stores().events().count()).isPositive();
            assertThat(second.app().stores().events().count()).isPositive();
            assertThat(alerts.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String alert = new String(alerts.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(alert).contains("\"rule\":\"wan_down\"").contains("ext-site");
        }
    }
}
