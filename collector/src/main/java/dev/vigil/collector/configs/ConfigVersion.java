package dev.vigil.collector.configs;

import java.time.Instant;

/**
 * One stored configuration of a router.
 *
 * @param id the version number, 1 for the first configuration stored for the router, then counting up
 * @param createdAt when the export that first had this text was taken (the agent's event time)
 * @param lastConfirmedAt when the latest export with the same text was taken
 */
public record ConfigVersion(int id, String sha256, int bytes, Instant createdAt, Instant lastConfirmedAt) {}
