package dev.vigil.collector.notify.channel;

import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.Dispatcher;
import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Severity;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification channels of the collector: the {@link ChannelDirectory} the routing policy reads, the {@link
 * Dispatcher} it calls, and the {@link ApiModule} for {@code /api/channels} and {@code /api/deliveries}.
 */
public final class Channels implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ChannelRegistry registry;
    private final DeliveryRecorder recorder;
    private final Dispatcher dispatcher;
    private final Stores stores;
    private final String publicUrl;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    Channels(
            Stores stores,
            Counters counters,
            Clock clock,
            String publicUrl,
            Senders senders,
            RetryPolicy retry,
            Scheduler scheduler,
            ScheduledExecutorService timer) {
        this.stores = stores;
        this.publicUrl = publicUrl;
        this.timer = timer;
        this.pool = Executors.newCachedThreadPool(named("vigil-notify-"));
        this.recorder = new DeliveryRecorder(stores.deliveries(), counters, clock);
        this.registry = new ChannelRegistry(
                stores.channels(),
                clock,
                info -> target -> new ChannelQueue(
                        info,
                        senders.forTarget(target),
                        retry,
                        scheduler,
                        pool,
                        recorder,
                        () -> ThreadLocalRandom.current().nextDouble()));
        this.dispatcher = new QueuedDispatcher(registry, counters);
    }

    /**
     * Loads the stored channels and starts their queues (blocking).
     *
     * @param publicUrl the dashboard's address for links in test notifications, null when unknown
     */
    public static Channels start(Stores stores, Counters counters, Clock clock, String publicUrl) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("vigil-notify-retry-"));
        Senders senders = new Senders(
                HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                PushoverRenderer.API,
                TelegramRenderer.API,
                null,
                clock);
        Channels channels = new Channels(
                stores,
                counters,
                clock,
                publicUrl,
                senders,
                RetryPolicy.DEFAULT,
                (delay, task) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                timer);
        channels.registry.load();
        return channels;
    }

    public ChannelDirectory directory() {
        return registry;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ApiModule api() {
        return new ChannelsApi(this);
    }

    ChannelRegistry registry() {
        return registry;
    }

    Stores stores() {
        return stores;
    }

    ChannelHealth health(String channelId) {
        return recorder.health(channelId);
    }

    /** Blocking: stores the channel and starts its queue. */
    LiveChannel add(ChannelSpec spec) {
        return registry.add(spec);
    }

    /** Blocking. */
    boolean delete(String id) {
        boolean found = registry.delete(id);
        recorder.forget(id);
        return found;
    }

    /** Queues a test notification; completes with the first attempt's result, empty when there is no such channel. */
    Optional<CompletableFuture<Attempt>> test(String id, String requestedBy) {
        return registry.live(id).map(c -> {
            CompletableFuture<Attempt> first = new CompletableFuture<>();
            c.queue().offer(testNotification(c.ref().name(), requestedBy), first);
            return first;
        });
    }

    private Notification testNotification(String channel, String requestedBy) {
        return new Notification(
                NotificationKind.TEST,
                null,
                null,
                null,
                Severity.INFO,
                3,
                "Vigil test notification",
                "Channel '" + channel + "' works: " + requestedBy + " sent this test from the Vigil dashboard.",
                List.of("white_check_mark"),
                publicUrl,
                null,
                null);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        registry.close();
        if (timer != null) {
            timer.shutdownNow();
        }
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
