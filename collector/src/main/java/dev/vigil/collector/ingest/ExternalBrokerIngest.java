package dev.vigil.collector.ingest;

import dev.vigil.protocol.Topics;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ingest as a client of an external broker (Mosquitto, EMQX, HiveMQ): a persistent session with the shared
 * subscription {@code $share/vigil/PREFIX/sites/#}, so that several collectors split the load and each message is
 * stored once. QoS 1 messages are acknowledged to the broker only after they are committed. Reconnects with
 * exponential backoff and jitter. Publishes what the collector sends ({@link MqttOutbound}) on the same connection.
 * {@link #start()} completes once the first subscription is acknowledged.
 */
public final class ExternalBrokerIngest extends VerticleBase {
    public static final String SHARE_GROUP = "vigil";
    static final long FIRST_BACKOFF_MS = 1_000;
    static final long MAX_BACKOFF_MS = 120_000;
    private static final System.Logger LOG = System.getLogger(ExternalBrokerIngest.class.getName());

    private final URI broker;
    private final String username;
    private final String password;
    private final String clientId;
    private final Topics topics;
    private final IngestPipeline ingest;
    private final boolean cleanSession;
    private MqttClient client;
    private long backoffMs = FIRST_BACKOFF_MS;
    private boolean stopping;

    public ExternalBrokerIngest(
            String brokerUrl, String username, String password, String clientId, Topics topics, IngestPipeline ingest) {
        this(brokerUrl, username, password, clientId, topics, ingest, false);
    }

    /**
     * @param cleanSession true when several collectors share the subscription: a persistent session of a dead
     *     collector would keep receiving its share of the messages until it came back
     */
    public ExternalBrokerIngest(
            String brokerUrl,
            String username,
            String password,
            String clientId,
            Topics topics,
            IngestPipeline ingest,
            boolean cleanSession) {
        this.cleanSession = cleanSession;
        this.broker = URI.create(brokerUrl.replaceFirst("^mqtt://", "tcp://"));
        this.username = username;
        this.password = password;
        this.clientId = clientId;
        this.topics = topics;
        this.ingest = ingest;
    }

    public String sharedFilter() {
        return "$share/" + SHARE_GROUP + "/" + topics.allSites();
    }

    @Override
    public Future<?> start() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(cleanSession)
                .setKeepAliveInterval(30)
                .setMaxInflightQueue(1000)
                .setMaxMessageSize(256 * 1024);
        options.setAutoAck(false);
        if (username != null) {
            options.setUsername(username).setPassword(password);
        }
        client = MqttClient.create(vertx, options);
        client.publishHandler(this::onMessage);
        client.closeHandler(v -> reconnectLater());
        return MqttOutbound.serve(vertx, this::publish).compose(served -> connect());
    }

    private Future<?> connect() {
        int port = broker.getPort() < 0 ? 1883 : broker.getPort();
        return client.connect(port, broker.getHost())
                .compose(ack -> {
                    if (ack.code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        return Future.failedFuture("broker " + broker + " refused the connection: " + ack.code());
                    }
                    return client.subscribe(sharedFilter(), 1);
                })
                .onSuccess(id -> {
                    backoffMs = FIRST_BACKOFF_MS;
                    LOG.log(Level.INFO, "ingesting from {0} via {1}", broker, sharedFilter());
                });
    }

    private void reconnectLater() {
        if (stopping) {
            return;
        }
        long delay = (long) (backoffMs * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        LOG.log(Level.WARNING, "lost the broker {0}; reconnecting in {1} ms", broker, delay);
        vertx.setTimer(
                delay,
                t -> connect().onFailure(e -> {
                    LOG.log(Level.WARNING, "reconnect to {0} failed: {1}", broker, e.getMessage());
                    if (!client.isConnected()) {
                        reconnectLater();
                    }
                }));
    }

    private void onMessage(MqttPublishMessage m) {
        byte[] payload = m.payload().getBytes();
        ingest.accept(m.topicName(), payload, m.isRetain()).onComplete(ar -> {
            if (ar.succeeded() && ar.result().verdict() != Outcome.Verdict.FAILED) {
                m.ack();
            }
            // on a store failure the message stays unacknowledged; the broker sends it again after a reconnect
        });
    }

    /** Publishes what the collector sends ({@link MqttOutbound}: alerts, commands), on this verticle's context. */
    private void publish(MqttOutbound.Message m) {
        if (client.isConnected()) {
            client.publish(m.topic(), Buffer.buffer(m.payload()), MqttQoS.AT_LEAST_ONCE, false, m.retain());
        } else {
            LOG.log(Level.WARNING, "not connected to {0}: message on {1} not published", broker, m.topic());
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return client != null && client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
