package dev.vigil.collector.notify.channel;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param detail what the remote side answered ({@code HTTP 200 {"id":…}}, {@code SMTP 250 2.0.0 OK}) or the error;
 *     never a secret
 * @param retryAfter what the remote side asked us to wait ({@code Retry-After}), null when it said nothing
 */
public record Attempt(Result result, String detail, Duration retryAfter) {

    /** Delivered; worth trying again later; or never going to work as configured. */
    public enum Result {
        DELIVERED,
        TRANSIENT,
        PERMANENT
    }

    public static Attempt delivered(String detail) {
        return new Attempt(Result.DELIVERED, detail, null);
    }

    public static Attempt transientFailure(String detail, Duration retryAfter) {
        return new Attempt(Result.TRANSIENT, detail, retryAfter);
    }

    public static Attempt permanentFailure(String detail) {
        return new Attempt(Result.PERMANENT, detail, null);
    }
}
