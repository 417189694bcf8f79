package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.notify.QuietHours;
import dev.vigil.collector.store.DeliveryRecord;
import dev.vigil.protocol.Json;

/** The API's JSON for channels and deliveries: masked URLs only. */
final class ChannelViews {
    private ChannelViews() {}

    static ObjectNode channel(LiveChannel c, ChannelHealth h) {
        ObjectNode o = Json.object();
        o.put("id", c.ref().id());
        o.put("name", c.ref().name());
        o.put("scheme", c.ref().scheme());
        o.put("url", c.target().masked());
        QuietHours q = c.ref().quietHours();
        if (q == null) {
            o.putNull("quiet_hours");
        } else {
            o.putObject("quiet_hours")
                    .put("from", q.from().toString())
                    .put("to", q.to().toString())
                    .put("zone", q.zone().getId())
                    .put("critical_overrides", q.criticalOverrides());
        }
        o.put("created_at", c.createdAt().toString());
        ObjectNode health = o.putObject("health");
        health.put("state", h.state());
        health.put("consecutive_failures", h.consecutiveFailures());
        health.put("last_outcome", h.lastOutcome());
        health.put("last_detail", h.lastDetail());
        health.put(
                "last_attempt_at",
                h.lastAttemptAt() == null ? null : h.lastAttemptAt().toString());
        return o;
    }

    static ObjectNode delivery(DeliveryRecord d) {
        return Json.object()
                .put("id", d.id())
                .put("channel_id", d.channelId())
                .put("channel", d.channelName())
                .put("alert_id", d.alertId())
                .put("site", d.site())
                .put("kind", d.kind())
                .put("attempt", d.attempt())
                .put("outcome", d.outcome())
                .put("detail", d.detail())
                .put("at", d.at().toString());
    }

    static ObjectNode testResult(Attempt a) {
        return Json.object()
                .put("delivered", a.result() == Attempt.Result.DELIVERED)
                .put("result", a.result().name().toLowerCase(java.util.Locale.ROOT))
                .put("detail", a.detail());
    }
}
