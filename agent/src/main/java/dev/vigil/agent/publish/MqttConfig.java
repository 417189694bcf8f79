package dev.vigil.agent.publish;

import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.retry.Backoff;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code mqtt} section: where and how the agent publishes.
 *
 * @param url {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId stable per site, so the broker keeps the session ({@code cleanSession=false})
 * @param password null when the broker needs none; never printed
 * @param caFile PEM trust anchors for {@code ssl://}; null uses the JVM's trust store
 * @param certFile PEM client certificate (with {@code keyFile}, a PKCS#8 PEM key), for brokers that require one
 * @param inflight events published and not yet acknowledged at once (order is kept)
 */
public record MqttConfig(
        String url,
        String topicPrefix,
        String clientId,
        String username,
        Secret password,
        Path caFile,
        Path certFile,
        Path keyFile,
        Duration keepAlive,
        Duration connectTimeout,
        int inflight,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration flushTimeout,
        Duration metricsInterval) {

    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_INFLIGHT = 32;
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(10);

    /** A plain config with every default, for tools and tests. */
    public static MqttConfig of(String url, String site) {
        return new MqttConfig(
                url,
                Protocol.DEFAULT_TOPIC_PREFIX,
                "vigil-agent-" + site,
                null,
                null,
                null,
                null,
                null,
                DEFAULT_KEEP_ALIVE,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_INFLIGHT,
                Backoff.DEFAULT_MIN,
                Backoff.DEFAULT_MAX,
                DEFAULT_FLUSH_TIMEOUT,
                DEFAULT_METRICS_INTERVAL);
    }

    public MqttConfig withReconnect(Duration min, Duration max) {
        return new MqttConfig(
                url,
                topicPrefix,
                clientId,
                username,
                password,
                caFile,
                certFile,
                keyFile,
                keepAlive,
                connectTimeout,
                inflight,
                min,
                max,
                flushTimeout,
                metricsInterval);
    }

    public MqttConfig withCredentials(String user, Secret secret) {
        return new MqttConfig(
                url,
                topicPrefix,
                clientId,
                user,
                secret,
                caFile,
                certFile,
                keyFile,
                keepAlive,
                connectTimeout,
                inflight,
                reconnectMin,
                reconnectMax,
                flushTimeout,
                metricsInterval);
    }

    public MqttConfig withTls(Path ca, Path cert, Path key) {
        return new MqttConfig(
                url,
                topicPrefix,
                clientId,
                username,
                password,
                ca,
                cert,
                key,
                keepAlive,
                connectTimeout,
                inflight,
                reconnectMin,
                reconnectMax,
                flushTimeout,
                metricsInterval);
    }

    public boolean tls() {
        return url.startsWith("ssl://");
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    public static MqttConfig parse(ConfigNode node, String site, SecretReader secrets) {
        if (!node.isPresent()) {
            node.problem("is required (at least mqtt.url)");
            return null;
        }
        node.allowOnly(
                "url",
                "topic_prefix",
                "client_id",
                "username",
                "password_file",
                "password_env",
                "ca_file",
                "cert_file",
                "key_file",
                "keep_alive",
                "connect_timeout",
                "inflight",
                "reconnect",
                "flush_timeout",
                "metrics_interval");
        String url = url(node);
        String prefix = node.string("topic_prefix", Protocol.DEFAULT_TOPIC_PREFIX);
        try {
            new Topics(prefix);
        } catch (IllegalArgumentException e) {
            node.problem("topic_prefix", prefix, "must be a topic without wildcards (+, #) or a trailing '/'");
        }
        String clientId = node.string("client_id", "vigil-agent-" + site);
        String username = node.string("username", null);
        Secret password = secrets.read(node, "password", false);
        if (password != null && username == null) {
            node.problem("username", null, "is required when a password is given");
        }
        Path ca = file(node, "ca_file");
        Path cert = file(node, "cert_file");
        Path key = file(node, "key_file");
        if ((cert == null) != (key == null) && node.has("cert_file") != node.has("key_file")) {
            node.problem(node.has("cert_file") ? "key_file" : "cert_file", null, "cert_file and key_file go together");
        }
        boolean tls = url != null && url.startsWith("ssl://");
        for (String k : new String[] {"ca_file", "cert_file", "key_file"}) {
            if (node.has(k) && url != null && !tls) {
                node.problem(k, node.child(k).text(), "only applies to an ssl:// url");
            }
        }
        ConfigNode reconnect = node.child("reconnect");
        reconnect.allowOnly("min", "max");
        Duration min = reconnect.duration("min", Backoff.DEFAULT_MIN, Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration max = reconnect.duration("max", Backoff.DEFAULT_MAX, Duration.ofMillis(10), Duration.ofHours(1));
        if (max.compareTo(min) < 0) {
            reconnect.problem("max", reconnect.child("max").text(), "must not be shorter than reconnect.min");
        }
        return new MqttConfig(
                url,
                prefix,
                clientId,
                username,
                password,
                ca,
                cert,
                key,
                node.duration("keep_alive", DEFAULT_KEEP_ALIVE, Duration.ofSeconds(5), Duration.ofHours(1)),
                node.duration("connect_timeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5)),
                node.integer("inflight", DEFAULT_INFLIGHT, 1, 1000),
                min,
                max,
                node.duration("flush_timeout", DEFAULT_FLUSH_TIMEOUT, Duration.ZERO, Duration.ofMinutes(5)),
                node.duration(
                        "metrics_interval", DEFAULT_METRICS_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    private static String url(ConfigNode node) {
        String url = node.requiredString("url");
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
            boolean rest = uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty());
            if (schemeOk && rest && uri.getPort() <= 65535) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        node.problem("url", url, "must be tcp://HOST:PORT or ssl://HOST:PORT (port defaults to 1883 / 8883)");
        return null;
    }

    private static Path file(ConfigNode node, String key) {
        return node.readableFile(key);
    }
}
