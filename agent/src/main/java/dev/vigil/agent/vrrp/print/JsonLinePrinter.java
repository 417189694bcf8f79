package dev.vigil.agent.vrrp.print;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.decode.Advert;
import dev.vigil.agent.vrrp.decode.CarpAdvert;
import dev.vigil.agent.vrrp.decode.Decoded;
import dev.vigil.agent.vrrp.decode.Rejection;
import dev.vigil.agent.vrrp.decode.Rejection.Reason;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import java.io.PrintWriter;

/**
 * One JSON object per line: {@code vrrp.advert} / {@code vrrp.carp} / {@code vrrp.invalid} per frame (with
 * {@code --adverts}) and every observation with its data flattened beside {@code type}, {@code time},
 * {@code severity}, {@code subject}.
 */
final class JsonLinePrinter implements LinePrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintWriter out;
    private final String iface;
    private final boolean flushEachLine;

    JsonLinePrinter(PrintWriter out, String iface, boolean flushEachLine) {
        this.flushEachLine = flushEachLine;
        this.out = out;
        this.iface = iface;
    }

    @Override
    public void decoded(Decoded decoded) {
        ObjectNode n = Json.object();
        if (decoded instanceof Advert a) {
            n.put("type", "vrrp.advert").put("time", a.time().toString()).put("interface", iface);
            n.put("source", a.source()).put("destination", a.destination());
            n.put("vrid", a.vrid()).put("family", a.family().name()).put("version", a.version());
            n.put("priority", a.priority()).put("interval_ms", a.intervalMs());
            a.addresses().forEach(n.putArray("addresses")::add);
            n.put("auth", a.auth()).put("checksum", a.checksum().wireName()).put("ttl", a.ttl());
            if (a.vlan() == null) {
                n.putNull("vlan");
            } else {
                n.put("vlan", a.vlan());
            }
            n.put("mac", a.sourceMac());
        } else if (decoded instanceof CarpAdvert c) {
            n.put("type", "vrrp.carp").put("time", c.time().toString()).put("interface", iface);
            n.put("source", c.source())
                    .put("vhid", c.vhid())
                    .put("advskew", c.advskew())
                    .put("advbase", c.advbase());
        } else if (decoded instanceof Rejection r && r.reason() != Reason.NOT_VRRP) {
            n.put("type", EventTypes.VRRP_INVALID)
                    .put("time", r.time().toString())
                    .put("interface", iface);
            n.put("reason", r.reason().wireName()).put("detail", r.detail());
            if (r.source() != null) {
                n.put("source", r.source());
            }
            if (r.vrid() != null) {
                n.put("vrid", r.vrid());
            }
        } else {
            return;
        }
        print(n);
    }

    @Override
    public void observation(Observation o) {
        ObjectNode n = Json.object();
        n.put("type", o.type())
                .put("time", o.time().toString())
                .put("severity", o.severity().wireName());
        n.put("subject", o.subject());
        n.setAll(o.data());
        print(n);
    }

    private void print(ObjectNode n) {
        try {
            out.println(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            out.println("{\"type\":\"error\",\"detail\":\"unprintable line\"}");
        }
        if (flushEachLine) {
            out.flush();
        }
    }
}
