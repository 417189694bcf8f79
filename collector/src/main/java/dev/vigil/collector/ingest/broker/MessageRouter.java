package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.store.MqttSessionChange;
import dev.vigil.collector.store.StoredMqttSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sessions, retained messages and fan-out of the embedded endpoint. Used on the broker's event loop only (the maps
 * are concurrent so that gauges can read their sizes from elsewhere). Persistent sessions record their changes in
 * {@code log}.
 */
final class MessageRouter {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, BrokerMessage> retained = new ConcurrentHashMap<>();
    /** Sessions that subscribed to something: routing looks at these only, not at every site's session. */
    private final Set<Session> subscribers = new LinkedHashSet<>();
    /** Whether {@link #subscribers} is non-empty, readable from the connections' event loops. */
    private volatile boolean anySubscriber;

    private final Consumer<MqttSessionChange> log;

    MessageRouter(Consumer<MqttSessionChange> log) {
        this.log = log;
    }

    /**
     * The session for a new connection: a fresh one for a clean start (or another principal), else the one kept from
     * before, which now expires {@code expirySeconds} after the connection ends (0: with it).
     */
    Session open(String clientId, Principal principal, boolean cleanStart, long expirySeconds) {
        Session existing = sessions.get(clientId);
        if (cleanStart || existing == null || !existing.principal().equals(principal)) {
            if (existing != null) {
                end(existing);
            }
            Session fresh = new Session(clientId, principal, expirySeconds, log);
            fresh.renew(expirySeconds);
            sessions.put(clientId, fresh);
            return fresh;
        }
        if (existing.persistent() && expirySeconds == 0) {
            log.accept(new MqttSessionChange.Ended(clientId)); // from now on it lives as long as its connection
        }
        existing.renew(expirySeconds);
        return existing;
    }

    boolean hasSession(String clientId, Principal principal) {
        Session s = sessions.get(clientId);
        return s != null && s.persistent() && s.principal().equals(principal);
    }

    Session current(String clientId) {
        return sessions.get(clientId);
    }

    /** The connection of a session is gone; a clean session ends with it. */
    void closed(Session session, Instant now) {
        session.detach(now);
        if (!session.persistent()) {
            sessions.remove(session.clientId(), session);
            subscribers.remove(session);
            anySubscriber = !subscribers.isEmpty();
        }
    }

    /** Ends the persistent sessions whose client stayed away past their expiry; returns how many. */
    int expire(Instant now) {
        int ended = 0;
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (s.expired(now)) {
                it.remove();
                subscribers.remove(s);
                anySubscriber = !subscribers.isEmpty();
                log.accept(new MqttSessionChange.Ended(s.clientId()));
                ended++;
            }
        }
        return ended;
    }

    /**
     * Restores a stored persistent session at start-up, before clients connect. One whose client was connected when
     * the collector stopped starts its expiry now.
     */
    void restore(StoredMqttSession stored, Instant now) {
        Optional<Principal> principal = Principals.decode(stored.principal());
        if (principal.isEmpty()
                || stored.expiresAt() != null && stored.expiresAt().isBefore(now)) {
            log.accept(new MqttSessionChange.Ended(stored.clientId()));
            return;
        }
        Instant expiresAt = stored.expiresAt() != null ? stored.expiresAt() : now.plusSeconds(stored.expirySeconds());
        if (stored.expiresAt() == null) {
            log.accept(new MqttSessionChange.Detached(stored.clientId(), expiresAt));
        }
        Session s = Session.restored(
                stored.clientId(),
                principal.get(),
                stored.expirySeconds(),
                expiresAt,
                stored.subscriptions(),
                stored.queued(),
                log);
        sessions.put(s.clientId(), s);
        if (!stored.subscriptions().isEmpty()) {
            subscribers.add(s);
            anySubscriber = true;
        }
    }

    private void end(Session s) {
        sessions.remove(s.clientId(), s);
        subscribers.remove(s);
        anySubscriber = !subscribers.isEmpty();
        if (s.persistent()) {
            log.accept(new MqttSessionChange.Ended(s.clientId()));
        }
    }

    void route(BrokerMessage m) {
        if (m.retain()) {
            if (m.payload().length == 0) {
                retained.remove(m.topic());
            } else {
                retained.put(m.topic(), m);
            }
        }
        for (Session s : subscribers) {
            int granted = s.grantedQos(m.topic());
            if (granted >= 0) {
                s.deliver(new BrokerMessage(m.topic(), m.payload(), Math.min(granted, m.qos()), false));
            }
        }
    }

    /** The session now has at least one subscription. */
    void subscribed(Session s) {
        subscribers.add(s);
        anySubscriber = true;
    }

    /**
     * Whether any session has subscribed (thread-safe): a connection's loop skips the hop to route a message when
     * nobody could receive it. It is set before the SUBACK leaves, so every message committed after it is routed.
     */
    boolean anySubscriber() {
        return anySubscriber;
    }

    /** Retained messages matching a new subscription, sent with the retain flag. */
    List<BrokerMessage> retainedFor(String filter, int granted) {
        List<BrokerMessage> out = new ArrayList<>();
        for (BrokerMessage m : retained.values()) {
            if (TopicFilter.matches(filter, m.topic())) {
                out.add(new BrokerMessage(m.topic(), m.payload(), Math.min(granted, m.qos()), true));
            }
        }
        return out;
    }

    void restoreRetained(BrokerMessage m) {
        retained.put(m.topic(), m);
    }

    int sessionCount() {
        return sessions.size();
    }

    /** QoS 1 messages waiting for absent clients of persistent sessions. */
    long waitingCount() {
        long n = 0;
        for (Session s : sessions.values()) {
            n += s.waiting();
        }
        return n;
    }

    int retainedCount() {
        return retained.size();
    }
}
