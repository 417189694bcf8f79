package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client's session: its subscriptions and, while it is away (persistent sessions only), the QoS 1 messages it
 * missed. QoS 1 messages sent but not acknowledged yet are kept and sent again on reconnect. Used on the broker's
 * event loop only.
 */
final class Session {
    static final int MAX_QUEUED = 1000;

    private final String clientId;
    private final Principal principal;
    private final boolean persistent;
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final Deque<BrokerMessage> queued = new ArrayDeque<>();
    private final Map<Integer, BrokerMessage> inflight = new LinkedHashMap<>();
    private MqttEndpoint endpoint;
    private long dropped;

    Session(String clientId, Principal principal, boolean persistent) {
        this.clientId = clientId;
        this.principal = principal;
        this.persistent = persistent;
    }

    String clientId() {
        return clientId;
    }

    Principal principal() {
        return principal;
    }

    boolean persistent() {
        return persistent;
    }

    MqttEndpoint endpoint() {
        return endpoint;
    }

    Map<String, Integer> subscriptions() {
        return subscriptions;
    }

    long dropped() {
        return dropped;
    }

    /** Highest granted QoS among the subscriptions matching the topic, -1 when none matches. */
    int grantedQos(String topic) {
        int best = -1;
        for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
            if (s.getValue() > best && TopicFilter.matches(s.getKey(), topic)) {
                best = s.getValue();
            }
        }
        return best;
    }

    /** @param hub runs a task on the broker's context (PUBACKs arrive on the connection's event loop) */
    void attach(MqttEndpoint endpoint, java.util.function.Consumer<Runnable> hub) {
        this.endpoint = endpoint;
        endpoint.publishAcknowledgeHandler(id -> hub.accept(() -> inflight.remove(id)));
        Deque<BrokerMessage> resend = new ArrayDeque<>(inflight.values());
        inflight.clear();
        resend.addAll(queued);
        queued.clear();
        resend.forEach(this::deliver);
    }

    /** The connection is gone: unacknowledged QoS 1 messages wait for the next one. */
    void detach() {
        endpoint = null;
        Deque<BrokerMessage> keep = new ArrayDeque<>(inflight.values());
        inflight.clear();
        keep.addAll(queued);
        queued.clear();
        queued.addAll(keep);
    }

    /** Sends now, or keeps it for later when the client is away and the session persists. */
    void deliver(BrokerMessage m) {
        if (endpoint == null || !endpoint.isConnected()) {
            if (persistent && m.qos() > 0) {
                if (queued.size() >= MAX_QUEUED) {
                    queued.pollFirst();
                    dropped++;
                }
                queued.addLast(m);
            }
            return;
        }
        endpoint.publish(m.topic(), Buffer.buffer(m.payload()), MqttQoS.valueOf(m.qos()), false, m.retain())
                .onSuccess(id -> {
                    if (m.qos() > 0) {
                        inflight.put(id, m);
                    }
                });
    }
}
