package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A persistent MQTT session as stored.
 *
 * @param expiresAt null when the collector stopped while the client was connected
 * @param subscriptions topic filter → granted QoS
 * @param queued oldest first
 */
public record StoredMqttSession(
        String clientId,
        String principal,
        long expirySeconds,
        Instant expiresAt,
        Map<String, Integer> subscriptions,
        List<StoredMqttMessage> queued) {}
