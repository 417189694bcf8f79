package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.DeliveryRecord;
import dev.vigil.collector.store.DeliveryStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes every attempt to the delivery log, the metrics and the channel's health, and logs it by channel name and
 * masked URL only. Called on the channel's worker, so the blocking insert delays that channel alone.
 */
final class DeliveryRecorder {
    private static final System.Logger LOG = System.getLogger(DeliveryRecorder.class.getName());
    static final String METRIC = "vigil_notify_deliveries_total";

    private final DeliveryStore store;
    private final Counters counters;
    private final Clock clock;
    private final Map<String, ChannelHealth> health = new ConcurrentHashMap<>();

    DeliveryRecorder(DeliveryStore store, Counters counters, Clock clock) {
        this.store = store;
        this.counters = counters;
        this.clock = clock;
        counters.gauge(
                "vigil_notify_channels_failing",
                () -> health.values().stream().filter(ChannelHealth::failing).count());
    }

    void record(ChannelInfo channel, Notification n, int attempt, String outcome, String detail) {
        Instant now = clock.instant();
        health.compute(channel.id(), (k, h) -> (h == null ? ChannelHealth.UNKNOWN : h).after(outcome, detail, now));
        counters.increment(metric(channel.name(), outcome));
        Level level = outcome.equals(DeliveryOutcome.DELIVERED) ? Level.DEBUG : Level.WARNING;
        LOG.log(
                level,
                "notification {0} {1} to channel {2} ({3}), attempt {4}: {5}",
                n.kind().name().toLowerCase(Locale.ROOT),
                outcome,
                channel.name(),
                channel.masked(),
                attempt,
                detail);
        try {
            store.record(new DeliveryRecord(
                    0,
                    channel.id(),
                    channel.name(),
                    n.alertId(),
                    n.site(),
                    n.kind().name().toLowerCase(Locale.ROOT),
                    attempt,
                    outcome,
                    detail,
                    now));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "cannot write the delivery log for channel {0}: {1}",
                    channel.name(),
                    e.getMessage());
        }
    }

    ChannelHealth health(String channelId) {
        return health.getOrDefault(channelId, ChannelHealth.UNKNOWN);
    }

    void forget(String channelId) {
        health.remove(channelId);
    }

    static String metric(String channel, String outcome) {
        return METRIC + "{channel=\"" + escape(channel) + "\",outcome=\"" + outcome + "\"}";
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
