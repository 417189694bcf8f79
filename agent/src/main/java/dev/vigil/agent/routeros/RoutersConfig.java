package dev.vigil.agent.routeros;

import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.config.SecretReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code routers} section: the routers of the pair (see docs/routeros.md for every key and default). */
public record RoutersConfig(List<RouterConfig> routers) {
    public RoutersConfig {
        routers = List.copyOf(routers);
    }

    public Optional<RouterConfig> router(String name) {
        return routers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Parses the {@code routers} list under {@code root}, recording every problem; secrets from files or env. */
    public static RoutersConfig parse(ConfigNode root) {
        return parse(root, new SecretReader(System.getenv(), w -> {}));
    }

    public static RoutersConfig parse(ConfigNode root, SecretReader secrets) {
        List<RouterConfig> routers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : root.list("routers")) {
            node.allowOnly(
                    "name",
                    "host",
                    "transport",
                    "port",
                    "username",
                    "password_file",
                    "password_env",
                    "password",
                    "tls",
                    "timeout",
                    "poll_interval");
            String name = node.requiredString("name");
            if (name != null && !names.add(name)) {
                node.problem("name", name, "another router already has this name");
            }
            String host = node.requiredString("host");
            String transportName = node.oneOf("transport", "api", "api", "api-ssl", "rest");
            RouterConfig.Transport transport = RouterConfig.Transport.valueOf(
                    transportName.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            int port = node.integer("port", transport.defaultPort, 1, 65535);
            String username = node.string("username", "admin");
            Secret password = secrets.read(node, "password", false);
            TlsSettings tls = tls(node.child("tls"), transport);
            Duration timeout = node.duration(
                    "timeout", RouterConfig.DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofSeconds(60));
            Duration poll = node.duration(
                    "poll_interval",
                    RouterConfig.DEFAULT_POLL_INTERVAL,
                    Duration.ofMillis(200),
                    Duration.ofMinutes(10));
            if (name != null && host != null) {
                routers.add(new RouterConfig(name, host, transport, port, username, password, tls, timeout, poll));
            }
        }
        return new RoutersConfig(routers);
    }

    private static TlsSettings tls(ConfigNode node, RouterConfig.Transport transport) {
        node.allowOnly("fingerprint", "ca_file");
        String fingerprint = node.string("fingerprint", null);
        byte[] pin = null;
        if (fingerprint != null) {
            try {
                pin = TlsSettings.parseFingerprint(fingerprint);
            } catch (IllegalArgumentException e) {
                node.problem("fingerprint", fingerprint, e.getMessage());
            }
        }
        var ca = node.readableFile("ca_file");
        if (transport != RouterConfig.Transport.API && pin == null && ca == null && fingerprint == null) {
            node.problem("is required for transport " + transport.configName()
                    + ": give tls.fingerprint (sha256:…) or tls.ca_file, so that the router's certificate is checked");
        }
        return pin == null && ca == null ? null : new TlsSettings(pin, ca);
    }
}
