package dev.vigil.protocol;

import java.time.Instant;

/**
 * A human-readable alert, retained on {@code vigil/v1/alerts/{site}} while open, shaped for phone MQTT apps.
 *
 * @param rule the rule that raised it, e.g. {@code site_offline}, {@code wan_down}
 * @param state {@code open}, {@code acknowledged}, {@code resolved}
 * @param link a dashboard URL for the site, may be null
 */
public record Alert(
        int v,
        String id,
        String site,
        String rule,
        Severity severity,
        String state,
        String title,
        String body,
        String link,
        Instant openedAt,
        Instant updatedAt) {}
