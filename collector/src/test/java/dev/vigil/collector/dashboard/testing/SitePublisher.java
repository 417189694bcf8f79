package dev.vigil.collector.dashboard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Plays a site's agent: a Paho client with the site's credentials publishing events, state and status. */
public final class SitePublisher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String site;
    private final MqttClient client;
    private final Topics topics = Topics.defaults();
    private final EventIds ids = new EventIds();
    private final AtomicLong seq = new AtomicLong();

    private SitePublisher(String site, MqttClient client) {
        this.site = site;
        this.client = client;
    }

    static SitePublisher connect(String uri, String site, String username, String password) {
        try {
            MqttClient client = new MqttClient(uri, "agent-" + site, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(username);
            options.setPassword(password.toCharArray());
            options.setCleanSession(true);
            options.setConnectionTimeout(10);
            options.setMaxInflight(RunningCollector.PAHO_INFLIGHT_SLACK);
            client.connect(options);
            return new SitePublisher(site, client);
        } catch (MqttException e) {
            throw new IllegalStateException("site " + site + " cannot connect to the collector: " + e, e);
        }
    }

    public String site() {
        return site;
    }

    /** Publishes one event (QoS 1: returns once the collector has committed it) and returns its id. */
    public String event(String type, String severity, String subject, Map<String, Object> data) {
        String id = ids.next();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("v", 1);
        e.put("id", id);
        e.put("site", site);
        e.put("seq", seq.incrementAndGet());
        e.put("time", Instant.now().toString());
        e.put("type", type);
        e.put("severity", severity);
        e.put("subject", subject);
        e.put("data", data);
        publish(topics.events(site), e, false);
        return id;
    }

    /** Publishes the retained site state; body holds routers, vrrp and wans as in state.schema.json. */
    public void state(Map<String, Object> body) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("v", 1);
        s.put("site", site);
        s.put("time", Instant.now().toString());
        s.putAll(body);
        publish(topics.state(site), s, true);
    }

    /** Publishes one metrics sample (QoS 0, as agents do) taken at {@code time}; wans as in metrics.schema.json. */
    public void metrics(Instant time, List<Map<String, Object>> wans) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("site", site);
        m.put("time", time.toString());
        m.put("wans", wans);
        publish(topics.metrics(site), m, false, 0);
    }

    public void status(boolean online) {
        publish(
                topics.status(site),
                Map.of(
                        "v",
                        1,
                        "site",
                        site,
                        "status",
                        online ? "online" : "offline",
                        "time",
                        Instant.now().toString()),
                true);
    }

    /** Subscribes to the site's commands topic as an agent does; each command's JSON goes to {@code received}. */
    public void onCommands(java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> received) {
        try {
            client.subscribe(topics.commands(site), 1, (t, m) -> received.accept(JSON.readTree(m.getPayload())));
        } catch (MqttException e) {
            throw new IllegalStateException("subscribe to the commands of " + site + " failed: " + e, e);
        }
    }

    private void publish(String topic, Object payload, boolean retained) {
        publish(topic, payload, retained, 1);
    }

    private void publish(String topic, Object payload, boolean retained, int qos) {
        try {
            MqttMessage m = new MqttMessage(JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
            m.setQos(qos);
            m.setRetained(retained);
            client.publish(topic, m);
        } catch (JsonProcessingException | MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close();
        } catch (MqttException e) {
            // the collector side is closing too; nothing to keep
        }
    }
}
