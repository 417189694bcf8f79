package dev.vigil.collector.config;

import dev.vigil.collector.configs.ConfigRetention;
import dev.vigil.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the collector needs to start, validated once: {@link #validate()} reports every problem together.
 *
 * @param brokerUrl null for the embedded MQTT endpoint, else {@code tcp://host:port} of an external broker
 * @param silenceTimeout how long a site may stay silent before it counts as offline
 * @param retention how long events and metrics are kept; zero keeps them forever
 * @param mqttTls null without the TLS listener of the embedded endpoint
 * @param mqttConnectDeadline how long an accepted MQTT socket may take to deliver its whole CONNECT
 * @param httpTls null without the HTTPS listener of the API and dashboard
 * @param totpRequiredRoles the roles (viewer, operator, admin) whose users must turn on two-factor sign-in
 * @param mqttSessionExpiry how long a persistent MQTT session is kept after its client went away (the longest an
 *     MQTT 5 client may ask for; the fixed expiry of MQTT 3.1.1 persistent sessions)
 * @param homeAssistantDiscovery null to publish no Home Assistant discovery, else its discovery prefix
 * @param configRetention how many router configuration versions are kept (docs/config-history.md)
 * @param commandKeyFile the Ed25519 private key that signs commands (PKCS#8 PEM, public key beside it); null for
 *     {@code command-key.pem} in the data directory; created when missing
 * @param sso null without single sign-on
 */
public record CollectorConfig(
        String mqttHost,
        int mqttPort,
        String httpHost,
        int httpPort,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String topicPrefix,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        String brokerClientId,
        Duration silenceTimeout,
        Duration retention,
        String publicUrl,
        String webhookUrl,
        String adminPassword,
        MqttTls mqttTls,
        Duration mqttConnectDeadline,
        Duration mqttSessionExpiry,
        String homeAssistantDiscovery,
        HttpTls httpTls,
        List<String> totpRequiredRoles,
        ConfigRetention configRetention,
        Path commandKeyFile,
        SsoConfig sso) {

    public CollectorConfig {
        totpRequiredRoles = totpRequiredRoles == null ? List.of() : List.copyOf(totpRequiredRoles);
        configRetention = configRetention == null ? ConfigRetention.DEFAULT : configRetention;
    }

    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_CONNECT_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(7);

    /** Defaults for a data directory; used by tests and as the base of the CLI options. */
    public static CollectorConfig defaults(Path dataDir) {
        return new CollectorConfig(
                "0.0.0.0",
                DEFAULT_MQTT_PORT,
                "0.0.0.0",
                DEFAULT_HTTP_PORT,
                dataDir,
                null,
                null,
                null,
                Topics.defaults().prefix(),
                null,
                null,
                null,
                null,
                DEFAULT_SILENCE,
                DEFAULT_RETENTION,
                null,
                null,
                null,
                null,
                DEFAULT_CONNECT_DEADLINE,
                DEFAULT_SESSION_EXPIRY,
                null,
                null,
                List.of(),
                ConfigRetention.DEFAULT,
                null,
                null);
    }

    /** The JDBC URL actually used: the configured one, else an H2 file under the data directory. */
    public String effectiveDbUrl() {
        if (dbUrl != null && !dbUrl.isBlank()) {
            return dbUrl;
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vigil") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The command key file actually used: the configured one, else {@code command-key.pem} in the data directory. */
    public Path effectiveCommandKeyFile() {
        return commandKeyFile != null ? commandKeyFile : dataDir.resolve("command-key.pem");
    }

    public boolean embeddedBroker() {
        return brokerUrl == null || brokerUrl.isBlank();
    }

    /** The same configuration listening on other addresses (tests bind to loopback only). */
    public CollectorConfig withHosts(String mqtt, String http) {
        return copy(b -> {
            b.mqttHost = mqtt;
            b.httpHost = http;
        });
    }

    public CollectorConfig withPorts(int mqtt, int http) {
        return copy(b -> {
            b.mqttPort = mqtt;
            b.httpPort = http;
        });
    }

    public CollectorConfig withDb(String url, String user, String password) {
        return copy(b -> {
            b.dbUrl = url;
            b.dbUser = user;
            b.dbPassword = password;
        });
    }

    public CollectorConfig withBroker(String url, String user, String password, String clientId) {
        return copy(b -> {
            b.brokerUrl = url;
            b.brokerUser = user;
            b.brokerPassword = password;
            b.brokerClientId = clientId;
        });
    }

    public CollectorConfig withSilenceTimeout(Duration silence) {
        return copy(b -> b.silenceTimeout = silence);
    }

    public CollectorConfig withAdminPassword(String password) {
        return copy(b -> b.adminPassword = password);
    }

    public CollectorConfig withPublicUrl(String url) {
        return copy(b -> b.publicUrl = url);
    }

    public CollectorConfig withWebhook(String url) {
        return copy(b -> b.webhookUrl = url);
    }

    public CollectorConfig withHomeAssistantDiscovery(String prefix) {
        return copy(b -> b.homeAssistantDiscovery = prefix);
    }

    public CollectorConfig withMqttTls(MqttTls tls) {
        return copy(b -> b.mqttTls = tls);
    }

    public CollectorConfig withMqttSessions(Duration connectDeadline, Duration sessionExpiry) {
        return copy(b -> {
            b.mqttConnectDeadline = connectDeadline;
            b.mqttSessionExpiry = sessionExpiry;
        });
    }

    public CollectorConfig withTotpRequiredRoles(List<String> roles) {
        return copy(b -> b.totpRequiredRoles = roles);
    }

    public CollectorConfig withConfigRetention(ConfigRetention configs) {
        return copy(b -> b.configRetention = configs);
    }

    public CollectorConfig withCommandKeyFile(Path file) {
        return copy(b -> b.commandKeyFile = file);
    }

    public CollectorConfig withSso(SsoConfig sso) {
        return copy(b -> b.sso = sso);
    }

    public CollectorConfig withHttpTls(HttpTls tls) {
        return copy(b -> b.httpTls = tls);
    }

    private CollectorConfig copy(Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.toConfig();
    }

    /** The components as mutable fields: one place that copies them all, for the {@code with…} methods. */
    private static final class Fields {
        String mqttHost;
        int mqttPort;
        String httpHost;
        int httpPort;
        Path dataDir;
        String dbUrl;
        String dbUser;
        String dbPassword;
        String topicPrefix;
        String brokerUrl;
        String brokerUser;
        String brokerPassword;
        String brokerClientId;
        Duration silenceTimeout;
        Duration retention;
        String publicUrl;
        String webhookUrl;
        String adminPassword;
        MqttTls mqttTls;
        Duration mqttConnectDeadline;
        Duration mqttSessionExpiry;
        String homeAssistantDiscovery;
        HttpTls httpTls;
        List<String> totpRequiredRoles;
        ConfigRetention configRetention;
        Path commandKeyFile;
        SsoConfig sso;

        Fields(CollectorConfig c) {
            mqttHost = c.mqttHost;
            mqttPort = c.mqttPort;
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            dataDir = c.dataDir;
            dbUrl = c.dbUrl;
            dbUser = c.dbUser;
            dbPassword = c.dbPassword;
            topicPrefix = c.topicPrefix;
            brokerUrl = c.brokerUrl;
            brokerUser = c.brokerUser;
            brokerPassword = c.brokerPassword;
            brokerClientId = c.brokerClientId;
            silenceTimeout = c.silenceTimeout;
            retention = c.retention;
            publicUrl = c.publicUrl;
            webhookUrl = c.webhookUrl;
            adminPassword = c.adminPassword;
            mqttTls = c.mqttTls;
            mqttConnectDeadline = c.mqttConnectDeadline;
            mqttSessionExpiry = c.mqttSessionExpiry;
            homeAssistantDiscovery = c.homeAssistantDiscovery;
            httpTls = c.httpTls;
            totpRequiredRoles = c.totpRequiredRoles;
            configRetention = c.configRetention;
            commandKeyFile = c.commandKeyFile;
            sso = c.sso;
        }

        CollectorConfig toConfig() {
            return new CollectorConfig(
                    mqttHost,
                    mqttPort,
                    httpHost,
                    httpPort,
                    dataDir,
                    dbUrl,
                    dbUser,
                    dbPassword,
                    topicPrefix,
                    brokerUrl,
                    brokerUser,
                    brokerPassword,
                    brokerClientId,
                    silenceTimeout,
                    retention,
                    publicUrl,
                    webhookUrl,
                    adminPassword,
                    mqttTls,
                    mqttConnectDeadline,
                    mqttSessionExpiry,
                    homeAssistantDiscovery,
                    httpTls,
                    totpRequiredRoles,
                    configRetention,
                    commandKeyFile,
                    sso);
        }
    }

    /** Every problem of this configuration, empty when it can start. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        checkPort(out, "--mqtt-port (VIGIL_MQTT_PORT)", mqttPort);
        checkPort(out, "--http-port (VIGIL_HTTP_PORT)", httpPort);
        if (dataDir == null) {
            out.add("--data-dir (VIGIL_DATA_DIR): must be a directory path");
        }
        String url = dataDir == null ? dbUrl : effectiveDbUrl();
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            out.add("--db-url (VIGIL_DB_URL): '" + url + "' is neither jdbc:h2:… nor jdbc:postgresql:…");
        }
        try {
            new Topics(topicPrefix);
        } catch (RuntimeException e) {
            out.add("--topic-prefix (VIGIL_TOPIC_PREFIX): " + e.getMessage());
        }
        if (!embeddedBroker() && !brokerUrl.matches("(tcp|mqtt)://[^:/]+(:\\d{1,5})?/?")) {
            out.add("--broker (VIGIL_BROKER): '" + brokerUrl + "' must look like tcp://host:1883");
        }
        if (silenceTimeout == null || silenceTimeout.isNegative() || silenceTimeout.isZero()) {
            out.add("--silence-timeout (VIGIL_SILENCE_TIMEOUT): must be a positive duration such as 120s or PT2M");
        }
        if (retention == null || retention.isNegative()) {
            out.add("--retention (VIGIL_RETENTION): must be zero (keep forever) or a positive duration such as 90d");
        }
        if (mqttConnectDeadline == null || mqttConnectDeadline.toMillis() < 100) {
            out.add("--mqtt-connect-deadline (VIGIL_MQTT_CONNECT_DEADLINE): must be a duration of at least 100ms,"
                    + " such as 10s");
        }
        if (mqttSessionExpiry == null || mqttSessionExpiry.isNegative() || mqttSessionExpiry.isZero()) {
            out.add("--mqtt-session-expiry (VIGIL_MQTT_SESSION_EXPIRY): must be a positive duration such as 7d");
        }
        if (webhookUrl != null && !webhookUrl.matches("https?://.+")) {
            out.add("--webhook (VIGIL_WEBHOOK): '" + webhookUrl + "' must be an http:// or https:// URL");
        }
        if (homeAssistantDiscovery != null && !homeAssistantDiscovery.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
            out.add("--home-assistant-discovery (VIGIL_HOME_ASSISTANT_DISCOVERY): '" + homeAssistantDiscovery
                    + "' must be an MQTT topic prefix without wildcards, such as homeassistant");
        }
        if (mqttTls != null) {
            mqttTls.check(out);
        }
        if (httpTls != null) {
            httpTls.check(out);
        }
        configRetention.check(out);
        if (sso != null) {
            sso.check(out, publicUrl);
        }
        for (String role : totpRequiredRoles) {
            if (!List.of("viewer", "operator", "admin").contains(role)) {
                out.add("--totp-required-roles (VIGIL_TOTP_REQUIRED_ROLES): '" + role
                        + "' is not a role; use viewer, operator, admin separated by commas");
            }
        }
        return out;
    }

    /** Throws one exception naming every problem. */
    public CollectorConfig validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return this;
    }

    private static void checkPort(List<String> out, String key, int port) {
        if (port < 0 || port > 65535) {
            out.add(key + ": " + port + " is not a port; use 0..65535 (0 = any free port)");
        }
    }
}
