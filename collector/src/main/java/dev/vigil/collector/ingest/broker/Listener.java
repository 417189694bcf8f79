package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.ops.Counters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One instance of the endpoint's sockets (plain and, when configured, TLS) on its own event loop: MQTT decoding,
 * encoding and TLS run here; every accepted CONNECT is handed to the broker. Several instances share the ports
 * (Vert.x spreads the connections over them).
 */
final class Listener extends VerticleBase {
    private static final System.Logger LOG = System.getLogger(Listener.class.getName());
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final String host;
    private final int port;
    private final TlsListener tls;
    private final Counters counters;
    private final ConnectDeadline deadline;
    private final Consumer<MqttEndpoint> onConnect;
    private MqttServer plain;
    private MqttServer secure;

    /** @param tls null for plain MQTT only */
    Listener(
            String host,
            int port,
            TlsListener tls,
            Counters counters,
            ConnectDeadline deadline,
            Consumer<MqttEndpoint> onConnect) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.counters = counters;
        this.deadline = deadline;
        this.onConnect = onConnect;
    }

    @Override
    public Future<?> start() {
        plain = server(options(port));
        Future<?> listening = plain.listen();
        if (tls == null) {
            return listening;
        }
        MqttServerOptions tlsOptions = options(tls.port());
        tlsOptions
                .setSsl(true)
                // Netty's TLS handshake timeout is a fixed deadline too; the CONNECT deadline starts after it
                .setSslHandshakeTimeout(deadline.millis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.certFile().toString())
                        .setKeyPath(tls.keyFile().toString()));
        secure = server(tlsOptions);
        return listening.compose(p -> secure.listen());
    }

    @Override
    public Future<?> stop() {
        Future<Void> a = plain == null ? Future.succeededFuture() : plain.close();
        return secure == null ? a : Future.join(a, secure.close());
    }

    int actualPort() {
        return plain.actualPort();
    }

    int actualTlsPort() {
        return secure == null ? -1 : secure.actualPort();
    }

    private MqttServerOptions options(int listenPort) {
        return new MqttServerOptions()
                .setHost(host)
                .setPort(listenPort)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setTimeoutOnConnect(deadline.backstopSeconds());
    }

    private MqttServer server(MqttServerOptions options) {
        MqttServer server = AcceptHook.install(MqttServer.create(vertx, options), deadline::accepted);
        return server.endpointHandler(e -> {
                    deadline.connected(e);
                    onConnect.accept(e);
                })
                .exceptionHandler(e -> {
                    counters.increment("vigil_mqtt_protocol_errors_total");
                    LOG.log(Level.DEBUG, "MQTT protocol error: {0}", e.toString());
                });
    }
}
