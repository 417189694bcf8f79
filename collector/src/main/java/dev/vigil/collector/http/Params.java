package dev.vigil.collector.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters, checked; a bad one throws {@link IllegalArgumentException} with a message for a 400. */
public final class Params {
    private Params() {}

    public static String text(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public static Instant time(RoutingContext ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    public static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        String v = text(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
    }

    public static String oneOf(RoutingContext ctx, String name, java.util.Set<String> allowed) {
        String v = text(ctx, name);
        if (v != null && !allowed.contains(v)) {
            throw new IllegalArgumentException(name + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
    }
}
