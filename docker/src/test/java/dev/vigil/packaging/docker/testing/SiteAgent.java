package dev.vigil.packaging.docker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A site publishing one event over MQTT with its own login, as the agent does (Paho, QoS 1). */
public final class SiteAgent {
    private SiteAgent() {}

    /**
     * Publishes a {@code wan.down} event with this id and returns once the collector sent its PUBACK, which it
     * sends only after the event is committed to the store.
     */
    public static void publishWanDown(int mqttPort, String site, String password, String eventId, long seq)
            throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, site + "-test", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(site);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(10);
        client.setTimeToWait(15_000);
        client.connect(options);
        try {
            String event = "{\"v\":1,\"id\":\"" + eventId + "\",\"site\":\"" + site + "\",\"seq\":" + seq
                    + ",\"time\":\"" + Instant.now() + "\",\"type\":\"wan.down\",\"severity\":\"critical\","
                    + "\"subject\":\"wan/wan1\",\"data\":{\"wan\":\"wan1\",\"state\":\"down\",\"loss_pct\":100.0}}";
            client.publish("vigil/v1/sites/" + site + "/events", event.getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
    }
}
