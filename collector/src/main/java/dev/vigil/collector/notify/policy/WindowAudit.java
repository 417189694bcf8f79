package dev.vigil.collector.notify.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.http.Audits;
import dev.vigil.collector.http.Callers;
import dev.vigil.collector.notify.maintenance.MaintenanceWindow;
import dev.vigil.protocol.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit lines of maintenance windows and snoozes: {@code maintenance.created}, {@code alert.snoozed} or
 * {@code site.snoozed}, and on
 * removal {@code maintenance.ended} / {@code snooze.ended} (it was in force) or {@code maintenance.deleted} /
 * {@code snooze.deleted}. The site is the window's only site or the snoozed alert's site.
 */
final class WindowAudit {
    private WindowAudit() {}

    static void added(RoutingContext ctx, MaintenanceWindow w, Function<String, Optional<String>> alertSite) {
        boolean snooze = MaintenanceWindow.SNOOZE.equals(w.kind());
        record(
                ctx,
                snooze ? (w.alertId() != null ? "alert.snoozed" : "site.snoozed") : "maintenance.created",
                w,
                alertSite);
    }

    static void removed(
            RoutingContext ctx, MaintenanceWindow w, Instant now, Function<String, Optional<String>> alertSite) {
        String prefix = MaintenanceWindow.SNOOZE.equals(w.kind()) ? "snooze." : "maintenance.";
        record(ctx, prefix + (w.activeAt(now) ? "ended" : "deleted"), w, alertSite);
    }

    private static void record(
            RoutingContext ctx, String kind, MaintenanceWindow w, Function<String, Optional<String>> alertSite) {
        String site = w.alertId() != null
                ? alertSite.apply(w.alertId()).orElse(null)
                : w.sites().size() == 1 ? w.sites().get(0) : null;
        ObjectNode details = Json.object().put("window", w.id()).put("all", w.all());
        w.sites().forEach(details.putArray("sites")::add);
        w.tags().forEach(details.putArray("tags")::add);
        details.put("alert", w.alertId())
                .put("from", String.valueOf(w.from()))
                .put("to", String.valueOf(w.to()))
                .put("reason", w.reason());
        if (site == null && Callers.customer(ctx) != null) {
            details.put("customer", Callers.customer(ctx));
        }
        Audits.ok(ctx, kind, site, w.describe(), details);
    }
}
