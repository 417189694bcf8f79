package dev.vigil.collector.store;

import java.time.Instant;

/**
 * The latest retained payload of one kind ({@code status}, {@code state}) for a site.
 *
 * @param payload JSON as received; empty when the retained message was cleared
 */
public record Snapshot(String site, String kind, String payload, Instant updatedAt) {}
