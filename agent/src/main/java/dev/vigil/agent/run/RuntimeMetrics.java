package dev.vigil.agent.run;

import dev.vigil.agent.publish.Outbox;
import dev.vigil.agent.publish.OutboxSink;
import dev.vigil.agent.publish.Publisher;
import dev.vigil.agent.status.Health;
import dev.vigil.agent.status.MetricsRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of the outbox and the publisher on /metrics, and what /healthz says. */
final class RuntimeMetrics {
    /** /healthz fails when the outbox is this full: events are about to be refused. */
    static final double UNHEALTHY_FILL = 0.9;

    private RuntimeMetrics() {}

    static void register(MetricsRegistry m, Outbox outbox, OutboxSink events, Publisher publisher, Clock clock) {
        long started = clock.millis();
        m.gauge("vigil_up", "1 while the agent runs", () -> 1);
        m.gauge("vigil_uptime_seconds", "Seconds since the agent started", () -> (clock.millis() - started) / 1000.0);
        m.gauge("vigil_outbox_events", "Events in the outbox not yet acknowledged by the broker", outbox::depth);
        m.gauge("vigil_outbox_bytes", "Bytes held by the outbox", outbox::bytes);
        m.gauge("vigil_outbox_max_bytes", "The outbox size bound (outbox.max_bytes)", outbox::maxBytes);
        m.gauge("vigil_mqtt_connected", "1 while connected to the broker", () -> publisher.isConnected() ? 1 : 0);
        m.counter("vigil_mqtt_connects_total", "Successful broker connections", publisher::connects);
        m.counter("vigil_events_accepted_total", "Events written to the outbox", events::accepted);
        m.counter("vigil_events_published_total", "Events acknowledged by the broker", publisher::eventsPublished);
        m.counter("vigil_events_dropped_total", "Events refused: outbox full or disk error", events::dropped);
        m.counter("vigil_metrics_dropped_total", "Metrics messages dropped while offline", publisher::metricsDropped);
    }

    static Health health(Outbox outbox, OutboxSink events, Publisher publisher) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mqtt_connected", publisher.isConnected());
        publisher.lastError().ifPresent(e -> details.put("mqtt_error", e));
        details.put("outbox_events", outbox.depth());
        details.put("outbox_bytes", outbox.bytes());
        details.put("outbox_max_bytes", outbox.maxBytes());
        details.put("events_dropped", events.dropped());
        boolean room = outbox.bytes() < outbox.maxBytes() * UNHEALTHY_FILL;
        if (!room) {
            details.put("problem", "the outbox is nearly full: new events will be refused until the broker is reached");
        }
        return new Health(room, details);
    }
}
