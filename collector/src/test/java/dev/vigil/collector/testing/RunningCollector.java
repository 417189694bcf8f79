package dev.vigil.collector.testing;

import dev.vigil.collector.app.CollectorApp;
import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.notify.policy.ChannelSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A collector in this JVM on free ports with an H2 file in a temporary directory (kept across {@link #restart()}),
 * plus helpers to provision sites and users and to connect Paho clients.
 */
public final class RunningCollector implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-1";

    /**
     * Paho releases a synchronous QoS 1 publish on its PUBACK before its callback thread frees the in-flight slot,
     * so a tight publish loop on a busy machine can exceed Paho's default of 10 ("Too many publishes in progress")
     * with only one message really unacknowledged.
     */
    public static final int PAHO_INFLIGHT_SLACK = 1000;

    private final Path dir;
    private final UnaryOperator<CollectorConfig> customize;
    private final ChannelSetup channels;
    private final Clock clock;
    private CollectorApp app;

    public RunningCollector() {
        this(c -> c);
    }

    public RunningCollector(UnaryOperator<CollectorConfig> customize) {
        this(customize, Clock.systemUTC(), null);
    }

    /** With these notification channels instead of the configured ones. */
    public RunningCollector(UnaryOperator<CollectorConfig> customize, ChannelSetup channels) {
        this(customize, Clock.systemUTC(), channels);
    }

    /** A collector whose time comes from {@code clock} (login delays, sessions, alerts). */
    public RunningCollector(UnaryOperator<CollectorConfig> customize, Clock clock) {
        this(customize, clock, null);
    }

    private RunningCollector(UnaryOperator<CollectorConfig> customize, Clock clock, ChannelSetup channels) {
        this.clock = clock;
        this.channels = channels;
        try {
            this.dir = Files.createTempDirectory("vigil-collector-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.customize = customize;
        start();
    }

    public CollectorConfig config() {
        return customize.apply(CollectorConfig.defaults(dir.resolve("data"))
                .withPorts(0, 0)
                .withAdminPassword(ADMIN_PASSWORD)
                .withSilenceTimeout(Duration.ofMinutes(10)));
    }

    private void start() {
        app = CollectorApp.start(config().withHosts("127.0.0.1", "127.0.0.1"), clock, channels);
    }

    public void restart() {
        app.close();
        start();
    }

    public CollectorApp app() {
        return app;
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + app.mqttPort();
    }

    public int mqttPort() {
        return app.mqttPort();
    }

    public int httpPort() {
        return app.httpPort();
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Creates a site and returns its password. */
    public String addSite(String site, String... tags) {
        return app.directory()
                .addSite(site, List.of(tags))
                .map(Directory.NewSite::password)
                .orElseThrow();
    }

    public void addUser(String username, Role role, String password) {
        app.directory().addUser(username, role, password);
    }

    public ApiClient admin() {
        return new ApiClient(httpPort()).login("admin", ADMIN_PASSWORD);
    }

    public MqttClient connect(String clientId, String username, String password) throws MqttException {
        return connect(clientId, username, password, o -> {});
    }

    public MqttClient connect(
            String clientId, String username, String password, java.util.function.Consumer<MqttConnectOptions> more)
            throws MqttException {
        MqttClient client = new MqttClient(mqttUrl(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.toCharArray());
        }
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(PAHO_INFLIGHT_SLACK);
        more.accept(o);
        client.connect(o);
        return client;
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // only clutter in the temporary directory
        }
    }
}
