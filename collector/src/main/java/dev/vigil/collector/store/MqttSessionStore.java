package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** Persistent MQTT sessions: subscriptions and undelivered QoS 1 messages. Blocking: call from a worker. */
public interface MqttSessionStore {
    /** Applies the changes in order, in one transaction. */
    void apply(List<MqttSessionChange> changes);

    /** Deletes the sessions that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);

    List<StoredMqttSession> all();
}
