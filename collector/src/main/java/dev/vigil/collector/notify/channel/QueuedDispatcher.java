package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.Dispatcher;
import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.ops.Counters;
import java.lang.System.Logger.Level;

/** Hands each notification to its channel's queue and returns at once. */
final class QueuedDispatcher implements Dispatcher {
    private static final System.Logger LOG = System.getLogger(QueuedDispatcher.class.getName());

    private final ChannelRegistry registry;
    private final Counters counters;

    QueuedDispatcher(ChannelRegistry registry, Counters counters) {
        this.registry = registry;
        this.counters = counters;
    }

    @Override
    public void dispatch(ChannelRef channel, Notification notification) {
        registry.live(channel.id()).ifPresentOrElse(c -> c.queue().offer(notification, null), () -> {
            counters.increment(DeliveryRecorder.metric(channel.name(), DeliveryOutcome.DROPPED));
            LOG.log(Level.WARNING, "notification for channel {0} dropped: the channel was deleted", channel.name());
        });
    }
}
