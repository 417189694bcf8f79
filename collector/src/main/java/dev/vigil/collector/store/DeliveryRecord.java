package dev.vigil.collector.store;

import java.time.Instant;

/**
 * One delivery attempt of one notification to one channel.
 *
 * @param id assigned by the store, 0 before
 * @param outcome {@code delivered}, {@code retrying}, {@code failed} or {@code dropped}
 * @param detail what the remote side answered (HTTP status and a short body, SMTP reply) or the error, no secrets
 */
public record DeliveryRecord(
        long id,
        String channelId,
        String channelName,
        String alertId,
        String site,
        String kind,
        int attempt,
        String outcome,
        String detail,
        Instant at) {}
