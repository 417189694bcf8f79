package dev.vigil.agent.routeros;

import dev.vigil.agent.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * One router of the pair as the agent reaches it.
 *
 * @param timeout deadline of every call (REST caps it at 60 s)
 * @param pollInterval how often the poller reads the router
 * @param tls null for plain {@code api}; required for {@code api-ssl} and {@code rest}
 */
public record RouterConfig(
        String name,
        String host,
        Transport transport,
        int port,
        String username,
        Secret password,
        TlsSettings tls,
        Duration timeout,
        Duration pollInterval) {

    /** How the agent talks to the router. */
    public enum Transport {
        API(8728),
        API_SSL(8729),
        REST(443);

        public final int defaultPort;

        Transport(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    public RouterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        password = password == null ? Secret.of("") : password;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    }

    /** A plain-API router with defaults, for tests and the CLI. */
    public static RouterConfig api(String name, String host, int port, String username, Secret password) {
        return new RouterConfig(name, host, Transport.API, port, username, password, null, null, null);
    }

    public RouterConfig withTls(Transport transport, TlsSettings tls) {
        return new RouterConfig(name, host, transport, port, username, password, tls, timeout, pollInterval);
    }

    public RouterConfig withTimeout(Duration timeout) {
        return new RouterConfig(name, host, transport, port, username, password, tls, timeout, pollInterval);
    }
}
