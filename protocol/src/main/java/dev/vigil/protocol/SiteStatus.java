package dev.vigil.protocol;

import java.time.Instant;

/**
 * Whether the site's agent is connected, retained on {@code vigil/v1/sites/{site}/status}; the {@code offline} form
 * is the agent's MQTT last will.
 *
 * @param status {@code online} or {@code offline}
 * @param uptimeS agent uptime in seconds; 0 in the last will
 */
public record SiteStatus(int v, String site, String status, Instant time, String agentVersion, long uptimeS) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
}
