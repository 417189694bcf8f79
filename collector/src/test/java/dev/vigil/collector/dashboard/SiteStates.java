package dev.vigil.collector.dashboard;

import java.util.List;
import java.util.Map;

/** State payloads for test sites: a VRRP pair on eth0/VRID 10 with the VIP 192.0.2.1 and two WANs. */
final class SiteStates {
    static final String ROUTER_A = "192.0.2.11";
    static final String ROUTER_B = "192.0.2.12";

    private SiteStates() {}

    static Map<String, Object> pair(String master, String wan1, String wan2) {
        boolean aMaster = master.equals(ROUTER_A);
        return Map.of(
                "routers",
                List.of(
                        router("router-a", ROUTER_A, aMaster ? "master" : "backup", 200),
                        router("router-b", ROUTER_B, aMaster ? "backup" : "master", 100)),
                "vrrp",
                List.of(Map.of(
                        "iface",
                        "eth0",
                        "family",
                        "IPv4",
                        "vrid",
                        10,
                        "version",
                        3,
                        "state",
                        "master",
                        "master",
                        master,
                        "master_priority",
                        aMaster ? 200 : 100,
                        "interval_ms",
                        1000,
                        "addresses",
                        List.of("192.0.2.1"))),
                "wans",
                List.of(wan("wan1", wan1), wan("wan2", wan2)));
    }

    private static Map<String, Object> router(String name, String address, String role, int priority) {
        return Map.of("name", name, "address", address, "reachable", true, "role", role, "priority", priority);
    }

    private static Map<String, Object> wan(String name, String state) {
        return state.equals("down")
                ? Map.of("name", name, "state", state, "loss_pct", 100.0)
                : Map.of("name", name, "state", state, "loss_pct", 0.0, "rtt_ms", 12.5, "jitter_ms", 1.5);
    }

    /** A WAN sample for the metrics topic: wan2 loses every probe in minutes 20 to 25 of the hour. */
    static Map<String, Object> sample(String wan, int minute) {
        boolean outage = wan.equals("wan2") && minute >= 20 && minute <= 25;
        return outage
                ? Map.of("name", wan, "state", "down", "loss_pct", 100.0)
                : Map.of(
                        "name",
                        wan,
                        "state",
                        "up",
                        "loss_pct",
                        minute % 13 == 0 ? 5.0 : 0.0,
                        "rtt_ms",
                        (wan.equals("wan1") ? 11.0 : 24.0) + 4 * Math.sin(minute / 4.0),
                        "jitter_ms",
                        1.2);
    }

    static Map<String, Object> failover(String from, String to, long gapMs, String cause) {
        return Map.of(
                "interface",
                "eth0",
                "family",
                "IPv4",
                "vrid",
                10,
                "version",
                3,
                "master",
                to,
                "previous",
                from,
                "priority",
                100,
                "previous_priority",
                200,
                "cause",
                cause,
                "gap_ms",
                gapMs);
    }
}
