package dev.vigil.collector.notify.channel;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for failed deliveries: {@code initial × 2^(n-1)} up to {@code max}, ±{@code
 * jitter}; a server's {@code Retry-After} replaces the computed delay but is capped at {@code max} too, so one
 * service cannot park a channel for a day.
 *
 * @param maxAttempts attempts in all, the first included
 */
public record RetryPolicy(Duration initial, Duration max, double jitter, int maxAttempts) {
    /** 5 s, 10 s, 20 s … 10 min: a phone push that is an hour late is worse than useless, so give up after ~20 min. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 0.25, 8);

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry delays must be positive with max >= initial");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be from 0 to below 1, not " + jitter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1, not " + maxAttempts);
        }
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}.
     *
     * @param random a uniform number in [0, 1)
     */
    public Duration delay(int failedAttempt, Duration retryAfter, DoubleSupplier random) {
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long base = initial.toMillis() << Math.min(failedAttempt - 1, 30);
        long capped = Math.min(base, max.toMillis());
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.min(max.toMillis(), Math.round(capped * factor)));
    }
}
