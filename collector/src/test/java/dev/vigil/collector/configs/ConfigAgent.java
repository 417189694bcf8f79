package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.ConfigExport;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Publishes {@code config.exported} events like an agent, through a Paho client connected as the site. */
final class ConfigAgent {
    private static final WireCodec CODEC = new WireCodec();

    private final MqttClient client;
    private final String site;
    private final EventIds ids = new EventIds();
    private final AtomicLong seq = new AtomicLong();

    ConfigAgent(MqttClient client, String site) {
        this.client = client;
        this.site = site;
    }

    /** The events of one export of the text, in part order, each encoded as the agent sends it. */
    List<byte[]> events(String router, String exportId, String text, Instant time) {
        return events(router, exportId, ConfigExport.parts(router, exportId, text), time);
    }

    List<byte[]> events(String router, String exportId, List<ObjectNode> parts, Instant time) {
        List<byte[]> out = new ArrayList<>();
        for (ObjectNode data : parts) {
            out.add(CODEC.encode(Event.of(
                    ids.next(),
                    site,
                    seq.incrementAndGet(),
                    time,
                    EventTypes.CONFIG_EXPORTED,
                    Severity.INFO,
                    "router/" + router,
                    data)));
        }
        return out;
    }

    /** Exports the text with a new export id, every part once in order; returns the export id. */
    String export(String router, String text, Instant time) throws MqttException {
        String exportId = ids.next();
        for (byte[] event : events(router, exportId, text, time)) {
            publish(event);
        }
        return exportId;
    }

    void publish(byte[] event) throws MqttException {
        client.publish("vigil/v1/sites/" + site + "/events", event, 1, false);
    }

    String newExportId() {
        return ids.next();
    }

    /** A configuration of roughly {@code lines} lines that gzip cannot shrink much (hex digests), for several parts. */
    static String bulky(int lines) {
        StringBuilder text = new StringBuilder("# RouterOS 7.16 normalised export\n/ip firewall address-list\n");
        for (int i = 0; i < lines; i++) {
            String hex = ConfigExport.sha256(("line-" + i).getBytes(StandardCharsets.UTF_8))
                    .substring(0, 40);
            text.append("add address=198.51.100.")
                    .append(i % 250)
                    .append(" list=block comment=")
                    .append(hex)
                    .append('\n');
        }
        return text.toString();
    }
}
