package dev.vigil.collector.notify.policy;

import dev.vigil.collector.alerts.AlertSink;
import dev.vigil.collector.notify.ack.AckStore;
import dev.vigil.collector.notify.maintenance.MaintenanceBook;
import dev.vigil.collector.store.AlertRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert sink that feeds the notification policy on its own thread: the alert thread only enqueues (bounded, never
 * waits), and a periodic tick on the same thread sends reminders, escalations, summaries and digests and logs
 * maintenance starts and ends. Every task survives its own exceptions.
 */
public final class Notifier implements AlertSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final NotifyPolicy policy;
    private final MaintenanceBook maintenance;
    private final AckStore ackStore;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private Instant lastPurge = Instant.MIN;

    Notifier(
            NotifyPolicy policy,
            MaintenanceBook maintenance,
            AckStore ackStore,
            ScheduledExecutorService thread,
            NotifySettings settings,
            Clock clock) {
        this.policy = policy;
        this.maintenance = maintenance;
        this.ackStore = ackStore;
        this.thread = thread;
        this.clock = clock;
        this.maxQueued = settings.maxQueued();
        long tickMs = settings.tick().toMillis();
        thread.scheduleWithFixedDelay(() -> guarded("tick", this::tick), tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void changed(AlertRecord changed, AlertRecord retained) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.log(Level.ERROR, "notifier overloaded: {0} alert changes dropped without notification", n);
            }
            return;
        }
        thread.execute(() -> {
            queued.decrementAndGet();
            guarded("alert " + changed.id(), () -> policy.onChange(changed));
        });
    }

    /** Alert changes dropped because the notifier fell too far behind. */
    public long dropped() {
        return dropped.get();
    }

    private void tick() {
        policy.tick();
        maintenance.logTransitions();
        Instant now = clock.instant();
        if (now.isAfter(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            ackStore.purgeExpired(now);
        }
    }

    private static void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notifier: " + what + " failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
