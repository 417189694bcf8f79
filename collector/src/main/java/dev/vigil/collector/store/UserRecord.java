package dev.vigil.collector.store;

import java.time.Instant;

/** A dashboard (and read-only MQTT) user. */
public record UserRecord(String username, String role, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "UserRecord[username=" + username + ", role=" + role + "]";
    }
}
