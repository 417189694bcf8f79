package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.Dispatcher;
import dev.vigil.collector.notify.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per channel and calendar minute: the first {@code perMinute} notifications go out at once, the rest wait for one
 * digest sent when the minute is over. Confined to the notifier's thread.
 */
final class StormGate {
    private final Dispatcher dispatcher;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        final ChannelRef channel;
        final long minute;
        int sent;
        final List<Notification> held = new ArrayList<>();

        Bucket(ChannelRef channel, long minute) {
            this.channel = channel;
            this.minute = minute;
        }
    }

    StormGate(Dispatcher dispatcher, int perMinute) {
        this.dispatcher = dispatcher;
        this.perMinute = perMinute;
    }

    void send(ChannelRef channel, Notification n, Instant now) {
        long minute = now.getEpochSecond() / 60;
        Bucket b = buckets.get(channel.id());
        if (b == null || b.minute != minute) {
            if (b != null) {
                flush(b);
            }
            b = new Bucket(channel, minute);
            buckets.put(channel.id(), b);
        }
        if (b.sent < perMinute) {
            b.sent++;
            dispatcher.dispatch(channel, n);
        } else {
            b.held.add(n);
        }
    }

    /** Sends the digests of minutes that are over. */
    void tick(Instant now) {
        long minute = now.getEpochSecond() / 60;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.minute < minute) {
                flush(b);
                it.remove();
            }
        }
    }

    private void flush(Bucket b) {
        if (!b.held.isEmpty()) {
            dispatcher.dispatch(b.channel, Messages.digest(b.held, b.minute));
            b.held.clear();
        }
    }
}
