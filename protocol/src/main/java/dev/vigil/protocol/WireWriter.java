package dev.vigil.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the agent's payloads (event, state, metrics, status) with jackson-core's streaming generator: the same bytes
 * as {@link WireCodec#encode}, without loading an ObjectMapper, its bean introspection and the jsr310 module into a
 * process that only ever writes these four shapes. Keys in record component order, nulls omitted, times as ISO-8601.
 */
public final class WireWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private WireWriter() {}

    public static byte[] encode(Event e) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("v", e.v());
            g.writeStringField("id", e.id());
            g.writeStringField("site", e.site());
            g.writeNumberField("seq", e.seq());
            time(g, "time", e.time());
            g.writeStringField("type", e.type());
            g.writeStringField("severity", e.severity().wireName());
            g.writeStringField("subject", e.subject());
            g.writeFieldName("data");
            tree(g, e.data());
            g.writeEndObject();
        });
    }

    public static byte[] encode(SiteStatus s) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("v", s.v());
            string(g, "site", s.site());
            string(g, "status", s.status());
            time(g, "time", s.time());
            string(g, "agent_version", s.agentVersion());
            g.writeNumberField("uptime_s", s.uptimeS());
            g.writeEndObject();
        });
    }

    public static byte[] encode(SiteMetrics m) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("v", m.v());
            string(g, "site", m.site());
            time(g, "time", m.time());
            g.writeArrayFieldStart("wans");
            for (SiteMetrics.WanMetric w : m.wans()) {
                g.writeStartObject();
                string(g, "name", w.name());
                string(g, "state", w.state());
                number(g, "loss_pct", w.lossPct());
                number(g, "rtt_ms", w.rttMs());
                number(g, "rtt_p95_ms", w.rttP95Ms());
                number(g, "jitter_ms", w.jitterMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("routers");
            for (SiteMetrics.RouterMetric r : m.routers()) {
                g.writeStartObject();
                string(g, "name", r.name());
                number(g, "cpu_pct", r.cpuPct());
                number(g, "mem_used_pct", r.memUsedPct());
                if (r.uptimeS() != null) {
                    g.writeNumberField("uptime_s", r.uptimeS());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static byte[] encode(SiteState s) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("v", s.v());
            string(g, "site", s.site());
            time(g, "time", s.time());
            string(g, "agent_version", s.agentVersion());
            g.writeArrayFieldStart("routers");
            for (SiteState.RouterView r : s.routers()) {
                g.writeStartObject();
                string(g, "name", r.name());
                string(g, "address", r.address());
                g.writeBooleanField("reachable", r.reachable());
                string(g, "role", r.role());
                number(g, "priority", r.priority());
                string(g, "version", r.version());
                number(g, "cpu_pct", r.cpuPct());
                number(g, "mem_used_pct", r.memUsedPct());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("vrrp");
            for (SiteState.VrrpGroupView v : s.vrrp()) {
                vrrpGroup(g, v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("wans");
            for (SiteState.WanView w : s.wans()) {
                g.writeStartObject();
                string(g, "name", w.name());
                string(g, "state", w.state());
                number(g, "loss_pct", w.lossPct());
                number(g, "rtt_ms", w.rttMs());
                number(g, "jitter_ms", w.jitterMs());
                time(g, "since", w.since());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void vrrpGroup(JsonGenerator g, SiteState.VrrpGroupView v) throws IOException {
        g.writeStartObject();
        string(g, "iface", v.iface());
        number(g, "vlan", v.vlan());
        string(g, "family", v.family());
        g.writeNumberField("vrid", v.vrid());
        g.writeNumberField("version", v.version());
        string(g, "state", v.state());
        string(g, "master", v.master());
        number(g, "master_priority", v.masterPriority());
        number(g, "interval_ms", v.intervalMs());
        strings(g, "addresses", v.addresses());
        time(g, "since", v.since());
        g.writeEndObject();
    }

    /** A JSON tree as {@code ObjectMapper} writes it: every field, nulls included, numbers in their node's type. */
    static void tree(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    tree(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    tree(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> number(g, node);
            case BINARY -> g.writeBinary(node.binaryValue());
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }

    private static void number(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> g.writeNumber(node.intValue());
            case LONG -> g.writeNumber(node.longValue());
            case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
            case FLOAT -> g.writeNumber(node.floatValue());
            case DOUBLE -> g.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.doubleValue());
        }
    }

    private static void time(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String value : values) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }
}
