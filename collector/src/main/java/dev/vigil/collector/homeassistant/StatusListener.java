package dev.vigil.collector.homeassistant;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * With an external broker: a client of its own that listens to Home Assistant's status topic, so that discovery is
 * sent again when Home Assistant restarts (and the broker may have lost the retained configs). Reconnects with
 * backoff; {@link #start()} completes once subscribed.
 */
public final class StatusListener extends VerticleBase {
    private static final System.Logger LOG = System.getLogger(StatusListener.class.getName());
    private static final long FIRST_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 60_000;

    private final URI broker;
    private final String username;
    private final String password;
    private final String clientId;
    private final String topic;
    private final Consumer<byte[]> onStatus;
    private MqttClient client;
    private long backoffMs = FIRST_BACKOFF_MS;
    private volatile boolean stopping;

    public StatusListener(
            String brokerUrl,
            String username,
            String password,
            String clientId,
            String topic,
            Consumer<byte[]> onStatus) {
        this.broker = URI.create(brokerUrl.replaceFirst("^mqtt://", "tcp://"));
        this.username = username;
        this.password = password;
        this.clientId = clientId;
        this.topic = topic;
        this.onStatus = onStatus;
    }

    @Override
    public Future<?> start() {
        MqttClientOptions options =
                new MqttClientOptions().setClientId(clientId).setKeepAliveInterval(30);
        if (username != null) {
            options.setUsername(username).setPassword(password);
        }
        client = MqttClient.create(vertx, options);
        client.publishHandler(m -> {
            if (m.topicName().equals(topic)) {
                onStatus.accept(m.payload().getBytes());
            }
        });
        client.closeHandler(v -> reconnectLater());
        return connect();
    }

    private Future<?> connect() {
        int port = broker.getPort() < 0 ? 1883 : broker.getPort();
        return client.connect(port, broker.getHost())
                .compose(ack -> ack.code() == MqttConnectReturnCode.CONNECTION_ACCEPTED
                        ? client.subscribe(topic, 1)
                        : Future.failedFuture("broker " + broker + " refused the connection: " + ack.code()))
                .onSuccess(id -> backoffMs = FIRST_BACKOFF_MS);
    }

    private void reconnectLater() {
        if (stopping) {
            return;
        }
        long delay = (long) (backoffMs * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        LOG.log(Level.WARNING, "Home Assistant status listener lost {0}; reconnecting in {1} ms", broker, delay);
        vertx.setTimer(
                delay,
                t -> connect().onFailure(e -> {
                    if (!client.isConnected()) {
                        reconnectLater();
                    }
                }));
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return client != null && client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
