package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.ops.Counters;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;

/**
 * The decisions at CONNECT: credentials present, the {@link ConnectGate} (authentication and throttling, on a
 * worker), the last will allowed by the {@link Acl}. Refuses with the return code the client's MQTT version knows and
 * counts why ({@code vigil_mqtt_refused_total}); an admitted connection goes to the broker with its principal, on the
 * context that asked.
 */
final class ConnectAdmission {
    private static final System.Logger LOG = System.getLogger(ConnectAdmission.class.getName());

    private final Vertx vertx;
    private final ConnectGate gate;
    private final Acl acl;
    private final Counters counters;

    ConnectAdmission(Vertx vertx, ConnectGate gate, Acl acl, Counters counters) {
        this.vertx = vertx;
        this.gate = gate;
        this.acl = acl;
        this.counters = counters;
    }

    /** Decides {@code endpoint}'s CONNECT; calls {@code admitted} only when it may connect. */
    void admit(MqttEndpoint endpoint, BiConsumer<MqttEndpoint, Principal> admitted) {
        counters.increment("vigil_mqtt_connects_total");
        LOG.log(Level.DEBUG, "CONNECT from {0} as {1}", endpoint.remoteAddress(), endpoint.clientIdentifier());
        if (endpoint.auth() == null || endpoint.auth().getUsername() == null) {
            refuse(endpoint, "no_credentials", badCredentials(endpoint));
            return;
        }
        String username = endpoint.auth().getUsername();
        String password = endpoint.auth().getPassword();
        String address = endpoint.remoteAddress() == null
                ? "?"
                : endpoint.remoteAddress().host();
        vertx.executeBlocking(() -> gate.check(username, password, address), false)
                .onComplete(ar -> {
                    try {
                        decide(endpoint, ar.succeeded() ? ar.result() : null, ar.cause(), admitted);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "MQTT CONNECT handling failed", e);
                        endpoint.close();
                    }
                });
    }

    private void decide(
            MqttEndpoint endpoint,
            ConnectGate.Verdict verdict,
            Throwable failure,
            BiConsumer<MqttEndpoint, Principal> admitted) {
        LOG.log(Level.DEBUG, "CONNECT {0}: {1} {2}", endpoint.clientIdentifier(), verdict, failure);
        if (failure != null) {
            LOG.log(Level.WARNING, "cannot check MQTT credentials: {0}", failure.getMessage());
            refuse(endpoint, "store_unavailable", serverUnavailable(endpoint));
        } else if (verdict instanceof ConnectGate.Throttled) {
            refuse(endpoint, "throttled", notAuthorized(endpoint));
        } else if (!(verdict instanceof ConnectGate.Accepted accepted)) {
            refuse(endpoint, "bad_credentials", badCredentials(endpoint));
        } else if (!willAllowed(endpoint, accepted.who())) {
            refuse(endpoint, "will_not_authorized", notAuthorized(endpoint));
        } else {
            admitted.accept(endpoint, accepted.who());
        }
    }

    private boolean willAllowed(MqttEndpoint endpoint, Principal who) {
        return endpoint.will() == null
                || !endpoint.will().isWillFlag()
                || acl.mayPublish(who, endpoint.will().getWillTopic());
    }

    private void refuse(MqttEndpoint endpoint, String reason, MqttConnectReturnCode code) {
        counters.increment(Counters.label("vigil_mqtt_refused_total", "reason", reason));
        try {
            endpoint.reject(code);
        } catch (IllegalStateException closedMeanwhile) {
            // the client went away while its credentials were checked
        }
    }

    private static MqttConnectReturnCode badCredentials(MqttEndpoint e) {
        return e.protocolVersion() >= 5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
    }

    private static MqttConnectReturnCode notAuthorized(MqttEndpoint e) {
        return e.protocolVersion() >= 5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private static MqttConnectReturnCode serverUnavailable(MqttEndpoint e) {
        return e.protocolVersion() >= 5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    }
}
