package dev.vigil.agent.routeros;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Reconnect delays: exponential from {@link #INITIAL} to {@link #MAX}, each spread by ±{@link #JITTER}. */
final class Backoff {
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final double MULTIPLIER = 2.0;
    static final double JITTER = 0.25;

    private final DoubleSupplier random;
    private int failures;

    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay before the next attempt after one more failure. */
    Duration nextDelay() {
        double base = Math.min(MAX.toMillis(), INITIAL.toMillis() * Math.pow(MULTIPLIER, failures));
        failures = Math.min(failures + 1, 30);
        double spread = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base * spread));
    }

    void reset() {
        failures = 0;
    }
}
