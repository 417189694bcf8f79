package dev.vigil.collector.notify.testing;

import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.Dispatcher;
import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.QuietHours;
import dev.vigil.collector.notify.policy.ChannelSetup;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Channels for the policy's tests: a directory that holds what the test adds and a dispatcher that records every
 * notification it is handed (the real channels are tested with their own servers).
 */
public final class RecordingChannels implements ChannelDirectory, Dispatcher {
    private final List<ChannelRef> channels = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.CountDownLatch hold;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    /** One dispatched notification. */
    public record Sent(String channel, Notification notification) {}

    public RecordingChannels add(String id, String scheme) {
        return add(id, scheme, null);
    }

    public RecordingChannels add(String id, String scheme, QuietHours quiet) {
        channels.add(new ChannelRef(id, id, scheme, quiet));
        return this;
    }

    public ChannelSetup setup() {
        return new ChannelSetup(this, this);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentTo(String channel) {
        return sent.stream().filter(s -> s.channel().equals(channel)).toList();
    }

    @Override
    public List<ChannelRef> all() {
        return List.copyOf(channels);
    }

    @Override
    public Optional<ChannelRef> byId(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** From now on {@link #dispatch} blocks until {@link #release()}: a dispatcher that breaks its promise. */
    public void holdDeliveries() {
        hold = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** How many dispatch calls are blocked in {@link #holdDeliveries()} now. */
    public int held() {
        return held.get();
    }

    @Override
    public void dispatch(ChannelRef channel, Notification notification) {
        java.util.concurrent.CountDownLatch gate = hold;
        if (gate != null) {
            held.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        sent.add(new Sent(channel.id(), notification));
    }
}
