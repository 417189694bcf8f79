package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.ChannelRef;
import java.time.Instant;

/** A configured channel as it runs: what the policy sees, what may be shown, and its queue. */
record LiveChannel(ChannelRef ref, ChannelTarget target, Instant createdAt, ChannelQueue queue) {
    ChannelInfo info() {
        return queue.channel();
    }
}
