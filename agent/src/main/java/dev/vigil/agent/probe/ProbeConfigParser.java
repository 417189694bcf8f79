package dev.vigil.agent.probe;

import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.probe.net.Addresses;
import dev.vigil.agent.probe.track.TrackerSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code wans} and {@code checks} sections, recording every problem with key, value and what is accepted. */
final class ProbeConfigParser {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,31}";
    private static final String IFNAME = "[A-Za-z0-9_.@:-]{1,15}";
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?";
    private static final Duration MS = Duration.ofMillis(1);

    private final boolean checkHost;

    /** @param checkHost whether interfaces and source addresses must exist on this host */
    ProbeConfigParser(boolean checkHost) {
        this.checkHost = checkHost;
    }

    ProbeConfig parse(ConfigNode root) {
        List<WanConfig> wans = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : root.list("wans")) {
            WanConfig wan = wan(node, names);
            if (wan != null) {
                wans.add(wan);
            }
        }
        List<CheckConfig> checks = new ArrayList<>();
        Set<String> checkNames = new HashSet<>();
        for (ConfigNode node : root.list("checks")) {
            CheckConfig check = check(node, checkNames);
            if (check != null) {
                checks.add(check);
            }
        }
        return new ProbeConfig(wans, checks);
    }

    private WanConfig wan(ConfigNode node, Set<String> names) {
        node.allowOnly(
                "name",
                "router",
                "method",
                "targets",
                "port",
                "query",
                "expect_status",
                "expect_body",
                "source",
                "interface",
                "interval",
                "timeout",
                "reliability",
                "down_rounds",
                "up_hold",
                "window",
                "degraded_loss",
                "recover_loss",
                "degraded_rtt",
                "degraded_jitter");
        String name = name(node, names);
        String router = node.string("router", null);
        ProbeMethod method = ProbeMethod.fromWire(node.oneOf("method", "icmp", "icmp", "tcp", "http", "dns", "router"));
        List<String> targets = node.strings("targets");
        if (targets.isEmpty()) {
            node.problem("targets", null, "needs 1 to 16 targets");
        } else if (targets.size() > 16) {
            node.problem("targets", String.valueOf(targets.size()), "at most 16 targets");
        }
        for (int i = 0; i < targets.size(); i++) {
            checkTarget(node, "targets[" + i + "]", method, targets.get(i));
        }
        ProbeSpec spec = spec(node, method, router);
        Duration interval =
                node.duration("interval", WanConfig.DEFAULT_INTERVAL, Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration timeout =
                node.duration("timeout", WanConfig.DEFAULT_TIMEOUT, Duration.ofMillis(50), Duration.ofSeconds(30));
        TrackerSettings tracking = tracking(node, Math.max(1, targets.size()), interval);
        return name == null ? null : new WanConfig(name, router, spec, targets, interval, timeout, tracking);
    }

    private TrackerSettings tracking(ConfigNode node, int targetCount, Duration interval) {
        TrackerSettings d = TrackerSettings.defaults();
        int reliability = node.integer("reliability", d.reliability(), 1, targetCount);
        int downRounds = node.integer("down_rounds", d.downRounds(), 1, 100);
        Duration upHold = node.duration("up_hold", d.upHold(), Duration.ZERO, Duration.ofHours(1));
        Duration window = node.duration("window", d.window(), Duration.ofSeconds(1), Duration.ofHours(1));
        if (window.compareTo(interval.multipliedBy(4)) < 0) {
            node.problem(
                    "window",
                    window.toMillis() + "ms",
                    "must hold at least 4 rounds (4 × interval = "
                            + interval.multipliedBy(4).toMillis() + "ms)");
        }
        double degradedLoss = node.decimal("degraded_loss", d.degradedLossPct(), 1, 100);
        double recoverLoss = node.decimal("recover_loss", d.recoverLossPct(), 0, 100);
        if (recoverLoss >= degradedLoss) {
            node.problem(
                    "recover_loss",
                    String.valueOf(recoverLoss),
                    "must be below degraded_loss (" + degradedLoss + ") so that the two make a hysteresis");
        }
        Duration rtt = node.duration("degraded_rtt", null, MS, Duration.ofMinutes(1));
        Duration jitter = node.duration("degraded_jitter", null, MS, Duration.ofMinutes(1));
        return new TrackerSettings(
                reliability, downRounds, upHold, window, degradedLoss, recoverLoss, rtt, jitter, d.minSamples());
    }

    private CheckConfig check(ConfigNode node, Set<String> names) {
        node.allowOnly(
                "name",
                "kind",
                "target",
                "url",
                "server",
                "port",
                "query",
                "expect_status",
                "expect_body",
                "source",
                "interface",
                "interval",
                "timeout",
                "failures");
        String name = name(node, names);
        ProbeMethod kind = ProbeMethod.fromWire(node.oneOf("kind", "icmp", "icmp", "tcp", "http", "dns"));
        String key = switch (kind) {
            case HTTP -> "url";
            case DNS -> "server";
            default -> "target";
        };
        String target = node.requiredString(key);
        if (target != null) {
            checkTarget(node, key, kind, target);
        }
        ProbeSpec spec = spec(node, kind, null);
        Duration interval =
                node.duration("interval", CheckConfig.DEFAULT_INTERVAL, Duration.ofMillis(100), Duration.ofHours(1));
        Duration timeout =
                node.duration("timeout", CheckConfig.DEFAULT_TIMEOUT, Duration.ofMillis(50), Duration.ofSeconds(60));
        int failures = node.integer("failures", CheckConfig.DEFAULT_FAILURES, 1, 100);
        return name == null || target == null ? null : new CheckConfig(name, spec, target, interval, timeout, failures);
    }

    private ProbeSpec spec(ConfigNode node, ProbeMethod method, String router) {
        int port = switch (method) {
            case TCP -> node.has("port") ? node.integer("port", 0, 1, 65535) : missing(node, "port", "tcp");
            case DNS -> node.integer("port", 53, 1, 65535);
            default -> unused(node, "port", method);
        };
        String query = null;
        if (method == ProbeMethod.DNS) {
            query = node.requiredString("query");
            if (query != null && !query.matches(HOST)) {
                node.problem("query", query, "must be a DNS name like intranet.example");
            }
        }
        int status = node.integer("expect_status", 200, 100, 599);
        String body = node.string("expect_body", null);
        String iface = node.string("interface", null);
        if (iface != null && !iface.matches(IFNAME)) {
            node.problem("interface", iface, "must be an interface name of 1 to 15 letters, digits or _.@:-");
        }
        if (method == ProbeMethod.ROUTER && router == null) {
            node.problem("router", null, "is required with method router (the router that pings for us)");
        }
        InetAddress source = node.address("source");
        if (checkHost && method != ProbeMethod.ROUTER) {
            HostBindings.check(node, iface != null && iface.matches(IFNAME) ? iface : null, source);
        }
        return new ProbeSpec(method, port, query, status, body, source, iface, router);
    }

    private static int missing(ConfigNode node, String key, String method) {
        node.problem(key, null, "is required with method " + method + " (1 to 65535)");
        return 0;
    }

    private static int unused(ConfigNode node, String key, ProbeMethod method) {
        if (node.has(key)) {
            node.problem(key, null, "is only used with methods tcp and dns, not " + method.wireName());
        }
        return 0;
    }

    private static String name(ConfigNode node, Set<String> names) {
        String name = node.requiredString("name");
        if (name == null) {
            return null;
        }
        if (!name.matches(NAME)) {
            node.problem("name", name, "must be 1 to 32 letters, digits or _.- starting with a letter or digit");
        } else if (!names.add(name)) {
            node.problem("name", name, "is used twice; names must be unique");
        }
        return name;
    }

    private static void checkTarget(ConfigNode node, String key, ProbeMethod method, String target) {
        switch (method) {
            case HTTP -> {
                try {
                    URI uri = new URI(target);
                    String scheme =
                            uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                        node.problem(key, target, "must be an http:// or https:// URL with a host");
                    }
                } catch (URISyntaxException e) {
                    node.problem(key, target, "must be an http:// or https:// URL with a host");
                }
            }
            case DNS, ROUTER -> {
                if (Addresses.literal(target) == null) {
                    node.problem(key, target, "must be a literal IPv4 or IPv6 address");
                }
            }
            default -> {
                boolean numeric = target.matches("[0-9.]+");
                if (Addresses.literal(target) == null && (numeric || !target.matches(HOST))) {
                    node.problem(key, target, "must be an IPv4/IPv6 address or a host name");
                }
            }
        }
    }
}
