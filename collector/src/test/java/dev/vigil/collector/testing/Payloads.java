package dev.vigil.collector.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.protocol.WireCodec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Valid payloads of the contract for tests, encoded with the contract's own codec. */
public final class Payloads {
    private static final WireCodec CODEC = new WireCodec();
    private static final EventIds IDS = new EventIds();
    private static final AtomicLong SEQ = new AtomicLong();

    private Payloads() {}

    public static Event event(String site, String type, Severity severity, String subject, ObjectNode data) {
        return Event.of(IDS.next(), site, SEQ.incrementAndGet(), Instant.now(), type, severity, subject, data);
    }

    public static byte[] bytes(Record payload) {
        return CODEC.encode(payload);
    }

    /** The id of an encoded event. */
    public static String idOf(byte[] event) {
        return WireCodec.readTree(new String(event, java.nio.charset.StandardCharsets.UTF_8))
                .get("id")
                .asText();
    }

    public static byte[] wanDown(String site, String wan) {
        return bytes(event(
                site,
                "wan.down",
                Severity.CRITICAL,
                "wan/" + wan,
                Json.object().put("wan", wan).put("state", "down").put("loss_pct", 100.0)));
    }

    public static byte[] wanUp(String site, String wan) {
        return bytes(event(
                site,
                "wan.up",
                Severity.INFO,
                "wan/" + wan,
                Json.object().put("wan", wan).put("state", "up").put("loss_pct", 0.0)));
    }

    public static byte[] info(String site) {
        return bytes(event(
                site, "agent.started", Severity.INFO, "agent", Json.object().put("version", "1.0")));
    }

    public static byte[] status(String site, String status) {
        return bytes(new SiteStatus(
                Protocol.SCHEMA_VERSION,
                site,
                status,
                Instant.now(),
                "1.0",
                SiteStatus.ONLINE.equals(status) ? 42 : 0));
    }

    public static byte[] state(String site, String master) {
        SiteState.VrrpGroupView group = new SiteState.VrrpGroupView(
                "eth0", null, "IPv4", 10, 3, "master", master, 200, 1000, List.of("192.0.2.1"), Instant.now());
        SiteState.WanView wan = new SiteState.WanView("wan1", "up", 0.0, 12.5, 1.0, Instant.now());
        SiteState.RouterView router =
                new SiteState.RouterView("router-a", "192.0.2.11", true, "master", 200, "7.15", 3.0, 40.0);
        return bytes(new SiteState(
                Protocol.SCHEMA_VERSION, site, Instant.now(), "1.0", List.of(router), List.of(group), List.of(wan)));
    }
}
