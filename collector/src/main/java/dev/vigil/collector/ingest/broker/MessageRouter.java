package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions, retained messages and fan-out of the embedded endpoint. Used on the broker's event loop only (the maps
 * are concurrent so that gauges can read their sizes from elsewhere).
 */
final class MessageRouter {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, BrokerMessage> retained = new ConcurrentHashMap<>();
    /** Sessions that subscribed to something: routing looks at these only, not at every site's session. */
    private final java.util.Set<Session> subscribers = new java.util.LinkedHashSet<>();

    /** The session for a new connection: a fresh one for a clean session, else the one kept from before. */
    Session open(String clientId, Principal principal, boolean cleanSession) {
        Session existing = sessions.get(clientId);
        if (cleanSession || existing == null || !existing.principal().equals(principal)) {
            Session fresh = new Session(clientId, principal, !cleanSession);
            Session replaced = sessions.put(clientId, fresh);
            if (replaced != null) {
                subscribers.remove(replaced);
            }
            return fresh;
        }
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
    void closed(Session session) {
        session.detach();
        if (!session.persistent()) {
            sessions.remove(session.clientId(), session);
            subscribers.remove(session);
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
        BrokerMessage live = new BrokerMessage(m.topic(), m.payload(), m.qos(), false);
        for (Session s : subscribers) {
            int granted = s.grantedQos(m.topic());
            if (granted >= 0) {
                s.deliver(new BrokerMessage(live.topic(), live.payload(), Math.min(granted, m.qos()), false));
            }
        }
    }

    /** The session now has at least one subscription. */
    void subscribed(Session s) {
        subscribers.add(s);
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

    int retainedCount() {
        return retained.size();
    }
}
