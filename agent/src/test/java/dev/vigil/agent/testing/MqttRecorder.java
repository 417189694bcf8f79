package dev.vigil.agent.testing;

import dev.vigil.protocol.Event;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.WireCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho subscriber on everything under a prefix, recording what arrives, for assertions. */
public final class MqttRecorder implements AutoCloseable {
    public record Message(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Message> messages = new ArrayList<>();
    private final WireCodec codec = new WireCodec();

    public MqttRecorder(String url, String filter) throws MqttException {
        client = new MqttClient(url, "recorder-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        options.setMaxInflight(1000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (messages) {
                    messages.add(new Message(topic, m.getPayload(), m.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    /**
     * A recorder whose session survives broker restarts and its own disconnection: the broker queues QoS 1 messages
     * for it (start the broker with {@code max_queued_messages 0} for large backlogs).
     */
    public static MqttRecorder persistent(String url, String filter) throws MqttException {
        return new MqttRecorder(url, filter);
    }

    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    public List<Message> on(String topic) {
        return messages().stream().filter(m -> m.topic().equals(topic)).toList();
    }

    public Optional<Message> last(String topic) {
        List<Message> on = on(topic);
        return on.isEmpty() ? Optional.empty() : Optional.of(on.get(on.size() - 1));
    }

    /** Events on the topic in arrival order, including duplicates. */
    public List<Event> events(String topic) {
        List<Event> out = new ArrayList<>();
        for (Message m : on(topic)) {
            try {
                out.add(codec.decodeEvent(m.payload()));
            } catch (PayloadRejectedException e) {
                throw new AssertionError("invalid event on " + topic + ": " + m.text(), e);
            }
        }
        return out;
    }

    /** Events after de-duplication by id, in first-arrival order, as the collector keeps them. */
    public List<Event> distinctEvents(String topic) {
        Map<String, Event> byId = new LinkedHashMap<>();
        for (Event e : events(topic)) {
            byId.putIfAbsent(e.id(), e);
        }
        return List.copyOf(byId.values());
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            // test teardown
        }
    }
}
