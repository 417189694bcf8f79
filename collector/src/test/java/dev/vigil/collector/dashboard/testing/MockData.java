package dev.vigil.collector.dashboard.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The canned answers of {@link MockCollector}: generated sites, one detailed site, alerts that can be acknowledged. */
public final class MockData {
    public record Reply(int status, Object body) {}

    private static final String[] STATUSES = {"ok", "ok", "ok", "ok", "failed_over", "degraded", "down", "offline"};

    private final Map<String, Map<String, Object>> sites = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> alerts = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Instant now = Instant.now();

    /** count generated sites: mostly ok, some failed over, degraded, down or offline. */
    public static MockData generated(int count) {
        MockData d = new MockData();
        for (int i = 0; i < count; i++) {
            String status = STATUSES[(i * 7) % STATUSES.length];
            d.putSite(site(
                    String.format(java.util.Locale.ROOT, "site-%04d", i),
                    List.of("cust-" + (i % 12)),
                    status,
                    d.now.minusSeconds(i % 600)));
        }
        return d;
    }

    public static Map<String, Object> site(String id, List<String> tags, String status, Instant lastSeen) {
        boolean failed = status.equals("failed_over");
        boolean wanDown = status.equals("degraded") || status.equals("down");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("site", id);
        s.put("tags", tags);
        s.put("status", status);
        s.put("online", !status.equals("offline"));
        s.put("last_seen", lastSeen.toString());
        s.put("master", failed ? "192.0.2.12" : "192.0.2.11");
        s.put(
                "vrrp",
                List.of(Map.of(
                        "iface",
                        "eth0",
                        "family",
                        "IPv4",
                        "vrid",
                        10,
                        "state",
                        "master",
                        "master",
                        failed ? "192.0.2.12" : "192.0.2.11")));
        s.put(
                "wans",
                List.of(
                        wan("wan1", wanDown ? "down" : "up", wanDown ? 100.0 : 0.0, wanDown ? null : 12.5),
                        wan("wan2", status.equals("down") ? "down" : "up", 0.0, 23.1)));
        s.put("open_alerts", status.equals("ok") ? 0 : 1);
        s.put("worst_severity", status.equals("ok") ? null : "critical");
        return s;
    }

    private static Map<String, Object> wan(String name, String state, double loss, Double rtt) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", name);
        w.put("state", state);
        w.put("loss_pct", loss);
        w.put("rtt_ms", rtt);
        return w;
    }

    public void putSite(Map<String, Object> site) {
        sites.put((String) site.get("site"), site);
    }

    public void addAlert(Map<String, Object> alert) {
        alerts.add(alert);
    }

    public void addEvent(Map<String, Object> event) {
        events.add(0, event);
    }

    /** Makes every request whose path starts with prefix answer 503. */
    public void fail(String prefix) {
        failing.add(prefix);
    }

    String role(String username, String password) {
        if (!password.equals(LiveCollector.password(username))) {
            return null;
        }
        return switch (username) {
            case "admin", "operator", "viewer" -> username;
            default -> null;
        };
    }

    Reply answer(String method, String path, String query, String user) {
        if (failing.stream().anyMatch(path::startsWith)) {
            return new Reply(503, Map.of("error", "store unavailable: the database does not answer"));
        }
        if (path.equals("/api/me")) {
            return new Reply(200, Map.of("username", user, "role", user));
        }
        if (path.equals("/api/sites")) {
            List<Map<String, Object>> list = new ArrayList<>(sites.values());
            return new Reply(200, Map.of("sites", list));
        }
        if (path.equals("/api/alerts")) {
            String state = query == null ? "open" : query.replaceAll(".*state=([a-z]+).*", "$1");
            return new Reply(
                    200,
                    Map.of(
                            "alerts",
                            alerts.stream()
                                    .filter(a -> a.get("state").equals(state))
                                    .toList()));
        }
        if (path.startsWith("/api/alerts/") && path.endsWith("/ack") && method.equals("POST")) {
            return ack(path.split("/")[3], user);
        }
        String[] parts = path.split("/");
        if (parts.length >= 4 && parts[2].equals("sites") && sites.containsKey(parts[3])) {
            return siteReply(parts, query);
        }
        return new Reply(404, Map.of("error", "unknown: " + path));
    }

    private Reply ack(String id, String user) {
        if (user.equals("viewer")) {
            return new Reply(403, Map.of("error", "viewers cannot acknowledge alerts"));
        }
        for (Map<String, Object> a : alerts) {
            if (a.get("id").equals(id)) {
                a.put("state", "acknowledged");
                a.put("acknowledged_by", user);
                return new Reply(200, a);
            }
        }
        return new Reply(404, Map.of("error", "no such alert"));
    }

    private Reply siteReply(String[] parts, String query) {
        String id = parts[3];
        if (parts.length == 4) {
            Map<String, Object> detail = new LinkedHashMap<>(sites.get(id));
            detail.put(
                    "routers",
                    List.of(
                            Map.of(
                                    "name",
                                    "router-a",
                                    "address",
                                    "192.0.2.11",
                                    "reachable",
                                    true,
                                    "role",
                                    "192.0.2.11".equals(detail.get("master")) ? "master" : "backup",
                                    "priority",
                                    200),
                            Map.of(
                                    "name",
                                    "router-b",
                                    "address",
                                    "192.0.2.12",
                                    "reachable",
                                    true,
                                    "role",
                                    "192.0.2.12".equals(detail.get("master")) ? "master" : "backup",
                                    "priority",
                                    100)));
            detail.put(
                    "vrrp",
                    List.of(Map.of(
                            "iface",
                            "eth0",
                            "family",
                            "IPv4",
                            "vrid",
                            10,
                            "state",
                            "master",
                            "master",
                            detail.get("master"),
                            "master_priority",
                            200,
                            "interval_ms",
                            1000,
                            "addresses",
                            List.of("192.0.2.1"),
                            "since",
                            now.minusSeconds(3600).toString())));
            detail.put(
                    "alerts",
                    alerts.stream()
                            .filter(a ->
                                    a.get("site").equals(id) && !a.get("state").equals("resolved"))
                            .toList());
            return new Reply(200, detail);
        }
        if (parts[4].equals("commands")) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("commands", List.of());
            none.put("last_drill", null);
            return new Reply(200, none);
        }
        if (parts[4].equals("events")) {
            return new Reply(
                    200,
                    Map.of(
                            "events",
                            events.stream()
                                    .filter(e -> e.get("site").equals(id))
                                    .toList()));
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 60; i >= 0; i--) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("time", now.minus(Duration.ofMinutes(i)).toString());
            p.put("rtt_ms", i > 20 && i < 26 ? null : 10 + 5 * Math.sin(i / 5.0) + (i % 7));
            p.put("loss_pct", i > 20 && i < 26 ? 100.0 : (i % 11 == 0 ? 4.0 : 0.0));
            points.add(p);
        }
        return new Reply(
                200,
                Map.of(
                        "wans",
                        List.of(
                                Map.of("name", "wan1", "points", points),
                                Map.of("name", "wan2", "points", points.subList(30, 61)))));
    }
}
