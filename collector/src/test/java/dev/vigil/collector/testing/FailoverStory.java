package dev.vigil.collector.testing;

import dev.vigil.protocol.Json;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.SiteMetrics;
import java.time.Instant;
import java.util.List;

/**
 * A site's failover story as an agent tells it: the backup takes over, WAN1 drops and comes back, the usual master
 * returns, then WAN2 drops (and stays down), and the agent reports its WAN figures. Each step is one message (topic
 * level and payload).
 */
public final class FailoverStory {
    public static final String GROUP = "vrrp/eth0/IPv4/10";
    public static final String USUAL = "192.0.2.11";
    public static final String BACKUP = "192.0.2.12";

    /** One message of the story. */
    public record Step(String level, byte[] payload) {}

    private FailoverStory() {}

    public static List<Step> of(String site) {
        return List.of(
                new Step("status", Payloads.status(site, "online")),
                new Step("state", Payloads.state(site, USUAL)),
                new Step("events", masterChanged(site, BACKUP, USUAL)),
                new Step("state", Payloads.state(site, BACKUP)),
                new Step("events", Payloads.wanDown(site, "wan1")),
                new Step("events", Payloads.wanUp(site, "wan1")),
                new Step("events", masterChanged(site, USUAL, BACKUP)),
                new Step("state", Payloads.state(site, USUAL)),
                new Step("events", Payloads.wanDown(site, "wan2")),
                new Step("metrics", metrics(site)));
    }

    public static byte[] metrics(String site) {
        return Payloads.bytes(new SiteMetrics(
                Protocol.SCHEMA_VERSION,
                site,
                Instant.now(),
                List.of(new SiteMetrics.WanMetric("wan1", "up", 0.0, 14.5, 20.0, 1.5)),
                List.of()));
    }

    public static byte[] masterChanged(String site, String master, String previous) {
        return Payloads.bytes(Payloads.event(
                site,
                "vrrp.master_changed",
                Severity.WARNING,
                GROUP,
                Json.object().put("master", master).put("previous", previous).put("cause", "silence")));
    }
}
