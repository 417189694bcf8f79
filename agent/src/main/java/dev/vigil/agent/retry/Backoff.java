package dev.vigil.agent.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delays with jitter: min, 2·min, 4·min … capped at max, each ±25 %. The one policy of the
 * agent's reconnecting parts: the MQTT session (1 s → 120 s by default, {@code mqtt.reconnect}) and the RouterOS API
 * sessions (1 s → 60 s).
 */
public final class Backoff {
    public static final Duration DEFAULT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(120);
    public static final double MULTIPLIER = 2.0;
    public static final double JITTER = 0.25;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempt;

    /** @param random uniform in [0, 1) */
    public Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    public Duration next() {
        double base = Math.min(maxMillis, minMillis * Math.pow(MULTIPLIER, Math.min(attempt, 30)));
        attempt++;
        double jittered = base * (1 - JITTER + 2 * JITTER * random.getAsDouble());
        return Duration.ofMillis(Math.round(jittered));
    }

    public void reset() {
        attempt = 0;
    }
}
