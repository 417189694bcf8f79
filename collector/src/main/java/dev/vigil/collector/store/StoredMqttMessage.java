package dev.vigil.collector.store;

/** A queued QoS 1 message of a persistent MQTT session; {@code seq} orders it within the session. */
public record StoredMqttMessage(long seq, String topic, byte[] payload, int qos) {}
