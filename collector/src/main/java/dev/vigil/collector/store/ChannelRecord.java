package dev.vigil.collector.store;

import java.time.Instant;

/**
 * A stored notification channel. {@code url} holds its secrets: only the notify package reads it, and it is never
 * shown again after entry.
 *
 * @param quietFrom {@code HH:mm}, null with {@code quietTo} and {@code quietZone} when the channel has no quiet hours
 */
public record ChannelRecord(
        String id,
        String name,
        String url,
        String quietFrom,
        String quietTo,
        String quietZone,
        boolean criticalOverrides,
        Instant createdAt) {}
