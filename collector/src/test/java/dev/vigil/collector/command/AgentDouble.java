package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Plays a site's agent over MQTT: subscribed to its commands topic, publishing status and answer events. */
final class AgentDouble implements AutoCloseable {
    private static final WireCodec CODEC = new WireCodec();

    private final String site;
    private final MqttClient client;
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();

    AgentDouble(String site, MqttClient connected) throws Exception {
        this.site = site;
        this.client = connected;
        client.subscribe("vigil/v1/sites/" + site + "/commands", 1, (topic, message) -> received.add(message));
        client.publish("vigil/v1/sites/" + site + "/status", Payloads.status(site, SiteStatus.ONLINE), 1, true);
    }

    /** The next command message, failing the test when none comes within 10 s. */
    MqttMessage nextMessage() throws InterruptedException {
        MqttMessage m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("the agent of " + site + " received no command within 10 s");
        }
        return m;
    }

    /** The message of this command, skipping earlier commands that other tests sent to the same site. */
    MqttMessage messageOf(String id) throws Exception {
        while (true) {
            MqttMessage m = nextMessage();
            if (decode(m).id().equals(id)) {
                return m;
            }
        }
    }

    static Command decode(MqttMessage m) throws Exception {
        return CODEC.decode(PayloadKind.COMMAND, m.getPayload());
    }

    Command nextCommand() throws Exception {
        return decode(nextMessage());
    }

    void answer(String type, ObjectNode data) throws Exception {
        client.publish(
                "vigil/v1/sites/" + site + "/events",
                Payloads.bytes(Payloads.event(
                        site,
                        type,
                        Severity.INFO,
                        "command/" + data.path("command_id").asText(),
                        data)),
                1,
                false);
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
