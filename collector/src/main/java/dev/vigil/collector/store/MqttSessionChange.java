package dev.vigil.collector.store;

import java.time.Instant;

/** One change to a persistent MQTT session, as the broker records it in order. */
public sealed interface MqttSessionChange {
    String clientId();

    /** The session exists (again) for this principal; it is connected, so it does not expire. */
    record Opened(String clientId, String principal, long expirySeconds) implements MqttSessionChange {}

    /** The client went away; the session expires at {@code expiresAt} unless it comes back. */
    record Detached(String clientId, Instant expiresAt) implements MqttSessionChange {}

    /** The session is gone with its subscriptions and queued messages. */
    record Ended(String clientId) implements MqttSessionChange {}

    record Subscribed(String clientId, String filter, int qos) implements MqttSessionChange {}

    record Unsubscribed(String clientId, String filter) implements MqttSessionChange {}

    /** A QoS 1 message for the client, kept until it is acknowledged (or dropped). */
    record Queued(String clientId, StoredMqttMessage message) implements MqttSessionChange {}

    /** The message was acknowledged by the client or dropped from a full queue. */
    record Done(String clientId, long seq) implements MqttSessionChange {}
}
