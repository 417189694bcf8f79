package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.store.MqttSessionChange;
import dev.vigil.collector.store.StoredMqttMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client's session: its subscriptions and, while it is away (persistent sessions only), the QoS 1 messages it
 * missed. QoS 1 messages sent but not acknowledged yet are kept and sent again on reconnect. A persistent session
 * records every change (subscriptions, QoS 1 messages until acknowledged) in its log, which the store keeps across
 * restarts. Used on the broker's event loop only.
 */
final class Session {
    /** At most this many QoS 1 messages wait for an absent client; the oldest is dropped for a new one. */
    static final int MAX_QUEUED = 1000;
    /** The longest client id or topic filter the store keeps. */
    static final int MAX_STORED_TEXT = 1024;

    /** A QoS 1 message of this session; {@code seq} is 0 for messages that are not recorded. */
    private record Pending(long seq, BrokerMessage message) {}

    private final String clientId;
    private final Principal principal;
    private final Consumer<MqttSessionChange> log;
    private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final Deque<Pending> queued = new ArrayDeque<>();
    private final Map<Integer, Pending> inflight = new LinkedHashMap<>();
    private long expirySeconds;
    private MqttEndpoint endpoint;
    private Instant expiresAt;
    private long nextSeq = 1;
    private long dropped;
    private volatile int waiting;

    /** @param expirySeconds how long the session outlives its connection; 0 ends it with the connection */
    Session(String clientId, Principal principal, long expirySeconds, Consumer<MqttSessionChange> log) {
        this.clientId = clientId;
        this.principal = principal;
        this.expirySeconds = expirySeconds;
        this.log = log;
    }

    /** A persistent session as stored, without a connection. */
    static Session restored(
            String clientId,
            Principal principal,
            long expirySeconds,
            Instant expiresAt,
            Map<String, Integer> subscriptions,
            Iterable<StoredMqttMessage> queued,
            Consumer<MqttSessionChange> log) {
        Session s = new Session(clientId, principal, expirySeconds, log);
        s.expiresAt = expiresAt;
        s.subscriptions.putAll(subscriptions);
        for (StoredMqttMessage m : queued) {
            s.queued.addLast(new Pending(m.seq(), new BrokerMessage(m.topic(), m.payload(), m.qos(), false)));
            s.nextSeq = Math.max(s.nextSeq, m.seq() + 1);
        }
        s.waiting = s.queued.size();
        return s;
    }

    String clientId() {
        return clientId;
    }

    Principal principal() {
        return principal;
    }

    boolean persistent() {
        return expirySeconds > 0;
    }

    MqttEndpoint endpoint() {
        return endpoint;
    }

    Map<String, Integer> subscriptions() {
        return java.util.Collections.unmodifiableMap(subscriptions);
    }

    long dropped() {
        return dropped;
    }

    /** QoS 1 messages waiting for the client (readable from any thread). */
    int waiting() {
        return waiting;
    }

    /** The client connected again and may ask for another expiry (MQTT 5). */
    void renew(long newExpirySeconds) {
        boolean recordedBefore = persistent();
        expirySeconds = newExpirySeconds;
        expiresAt = null;
        record(new MqttSessionChange.Opened(clientId, Principals.encode(principal), expirySeconds));
        if (!recordedBefore) {
            subscriptions.forEach((filter, qos) -> record(new MqttSessionChange.Subscribed(clientId, filter, qos)));
        }
    }

    /** True when the session is persistent, its client away and its expiry passed. */
    boolean expired(Instant now) {
        return endpoint == null && expiresAt != null && expiresAt.isBefore(now);
    }

    void subscribe(String filter, int qos) {
        subscriptions.put(filter, qos);
        if (filter.length() <= MAX_STORED_TEXT) { // longer ones live in memory only (the column's size)
            record(new MqttSessionChange.Subscribed(clientId, filter, qos));
        }
    }

    void unsubscribe(String filter) {
        if (subscriptions.remove(filter) != null) {
            record(new MqttSessionChange.Unsubscribed(clientId, filter));
        }
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
    void attach(MqttEndpoint endpoint, Consumer<Runnable> hub) {
        this.endpoint = endpoint;
        this.expiresAt = null;
        endpoint.publishAcknowledgeHandler(id -> hub.accept(() -> acknowledged(id)));
        Deque<Pending> resend = new ArrayDeque<>(inflight.values());
        inflight.clear();
        resend.addAll(queued);
        queued.clear();
        waiting = 0;
        resend.forEach(this::send);
    }

    /** The connection is gone: unacknowledged QoS 1 messages wait for the next one; the expiry clock starts. */
    void detach(Instant now) {
        endpoint = null;
        Deque<Pending> keep = new ArrayDeque<>(inflight.values());
        inflight.clear();
        keep.addAll(queued);
        queued.clear();
        queued.addAll(keep);
        waiting = queued.size();
        if (persistent()) {
            expiresAt = now.plusSeconds(expirySeconds);
            record(new MqttSessionChange.Detached(clientId, expiresAt));
        }
    }

    /** Sends now, or keeps it for later when the client is away and the session persists. */
    void deliver(BrokerMessage m) {
        Pending p = new Pending(persistent() && m.qos() > 0 ? nextSeq++ : 0, m);
        if (p.seq() > 0) {
            record(new MqttSessionChange.Queued(
                    clientId, new StoredMqttMessage(p.seq(), m.topic(), m.payload(), m.qos())));
        }
        send(p);
    }

    private void send(Pending p) {
        BrokerMessage m = p.message();
        if (endpoint == null || !endpoint.isConnected()) {
            if (p.seq() > 0) {
                enqueue(p);
            }
            return;
        }
        endpoint.publish(m.topic(), Buffer.buffer(m.payload()), MqttQoS.valueOf(m.qos()), false, m.retain())
                .onSuccess(id -> {
                    if (m.qos() > 0) {
                        inflight.put(id, p);
                    }
                });
    }

    private void enqueue(Pending p) {
        if (queued.size() >= MAX_QUEUED) {
            Pending oldest = queued.pollFirst();
            dropped++;
            if (oldest.seq() > 0) {
                record(new MqttSessionChange.Done(clientId, oldest.seq()));
            }
        }
        queued.addLast(p);
        waiting = queued.size();
    }

    private void acknowledged(int packetId) {
        Pending p = inflight.remove(packetId);
        if (p != null && p.seq() > 0) {
            record(new MqttSessionChange.Done(clientId, p.seq()));
        }
    }

    private void record(MqttSessionChange change) {
        if (persistent()) {
            log.accept(change);
        }
    }
}
