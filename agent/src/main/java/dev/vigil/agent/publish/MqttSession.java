package dev.vigil.agent.publish;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One Paho connection. Each connection gets a fresh client with in-memory persistence, so Paho never resends on its
 * own: the outbox is the only source of redelivery.
 */
final class MqttSession implements MqttCallback {
    /** Room beyond the event window for state, status and metrics messages. */
    private static final int EXTRA_INFLIGHT = 64;

    private final MqttAsyncClient client;
    private final Runnable onChange;
    private final Inbox inbox;
    private volatile Throwable lost;

    /** Where messages on the subscribed topic go; called on Paho's thread, so it must hand them off at once. */
    record Inbox(String topic, Consumer<byte[]> handler) {}

    private MqttSession(MqttAsyncClient client, Runnable onChange, Inbox inbox) {
        this.client = client;
        this.onChange = onChange;
        this.inbox = inbox;
    }

    /**
     * Connects with the broker keeping the session ({@code cleanSession=false}); with an {@code inbox} its topic is
     * subscribed at QoS 1 on every connect. Messages the broker queued while we were away may arrive before the
     * SUBACK: the callback is in place before connecting, so none is missed.
     */
    static MqttSession connect(MqttConfig config, String willTopic, byte[] will, Runnable onChange, Inbox inbox)
            throws IOException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("invalid broker url " + config.url() + ": " + describe(e));
        }
        MqttSession session = new MqttSession(client, onChange, inbox);
        client.setCallback(session);
        try {
            client.connect(options(config, willTopic, will))
                    .waitForCompletion(config.connectTimeout().plusSeconds(5).toMillis());
            return session;
        } catch (MqttException e) {
            session.closeForcibly();
            throw new IOException(
                    "cannot connect to " + config.url() + " as " + config.clientId() + ": " + describe(e));
        } catch (GeneralSecurityException | IOException e) {
            session.closeForcibly();
            throw new IOException("cannot set up TLS for " + config.url() + ": " + e.getMessage());
        }
    }

    private static MqttConnectOptions options(MqttConfig config, String willTopic, byte[] will)
            throws GeneralSecurityException, IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
        o.setMaxInflight(config.inflight() + EXTRA_INFLIGHT);
        o.setWill(willTopic, will, 1, true);
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password().revealChars());
        }
        if (config.tls()) {
            o.setSocketFactory(TlsSocketFactories.from(config.caFile(), config.certFile(), config.keyFile()));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    /** Subscribes the inbox topic at QoS 1; false when the broker refused it (its ACL), true when granted. */
    boolean subscribeInbox(Duration timeout) throws MqttException {
        if (inbox == null) {
            return true;
        }
        try {
            var token = client.subscribe(inbox.topic(), 1);
            token.waitForCompletion(timeout.toMillis());
            int[] granted = token.getGrantedQos();
            return granted != null && granted.length == 1 && granted[0] <= 2;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return false;
            }
            throw e;
        }
    }

    IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        return client.publish(topic, payload, qos, retained);
    }

    boolean isConnected() {
        return lost == null && client.isConnected();
    }

    Throwable lostCause() {
        return lost;
    }

    void disconnect(Duration timeout) {
        try {
            client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis() + 1000);
        } catch (MqttException e) {
            // closing anyway
        }
        closeForcibly();
    }

    void closeForcibly() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            // nothing left to do
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to do
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = cause == null ? new IOException("connection closed") : cause;
        onChange.run();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (inbox != null && inbox.topic().equals(topic)) {
            inbox.handler().accept(message.getPayload());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        onChange.run();
    }

    /** A one-line reason with the root cause (refused, TLS, auth), never credentials. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e instanceof MqttException m) {
            text.append(" (code ").append(m.getReasonCode()).append(')');
        }
        boolean tls = false;
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            tls |= root instanceof javax.net.ssl.SSLException;
        }
        if (root != e) {
            text.append(": ");
            if (tls) {
                text.append("TLS handshake failed (SSLHandshakeException), check mqtt.ca_file, the client"
                        + " certificate and that the broker certificate names the url's host: ");
            }
            text.append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return text.toString();
    }
}
