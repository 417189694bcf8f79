package dev.vigil.agent.status;

import dev.vigil.agent.config.ConfigNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code http} section: where {@code /healthz} and {@code /metrics} listen.
 *
 * @param listen null when {@code enabled: false}
 */
public record HttpConfig(InetSocketAddress listen) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:9108";

    public boolean enabled() {
        return listen != null;
    }

    public static HttpConfig parse(ConfigNode node) {
        node.allowOnly("listen", "enabled");
        boolean enabled = node.bool("enabled", true);
        String text = node.string("listen", DEFAULT_LISTEN);
        InetSocketAddress address = address(text);
        if (address == null) {
            node.problem(
                    "listen", text, "must be ADDRESS:PORT with a literal address, e.g. 127.0.0.1:9108 or [::1]:9108");
            address = address(DEFAULT_LISTEN);
        }
        return new HttpConfig(enabled ? address : null);
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return null;
        }
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return null;
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }
}
