package dev.vigil.agent.probe;

import java.time.Duration;

/**
 * One health check of a service the office depends on (same probes and tracker as the WANs, one target).
 *
 * @param target host (icmp, tcp), URL (http) or resolver address (dns)
 * @param failures consecutive failed probes before {@code check.failed}
 */
public record CheckConfig(
        String name, ProbeSpec probe, String target, Duration interval, Duration timeout, int failures) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_FAILURES = 2;
}
