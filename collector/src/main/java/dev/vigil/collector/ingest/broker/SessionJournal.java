package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.MqttSessionChange;
import dev.vigil.collector.store.MqttSessionStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes the changes of persistent MQTT sessions to the store on its own thread, in the order the broker made them:
 * what has queued meanwhile goes into one transaction (group commit). The broker never waits for it. A failed batch
 * is retried change by change, so one bad row costs only itself; failures are counted in
 * {@code vigil_mqtt_session_store_failures_total}. {@link #close()} writes what is queued.
 */
public final class SessionJournal implements Consumer<MqttSessionChange>, AutoCloseable {
    static final String FAILURES = "vigil_mqtt_session_store_failures_total";
    private static final System.Logger LOG = System.getLogger(SessionJournal.class.getName());
    private static final int MAX_BATCH = 1000;

    private final MqttSessionStore store;
    private final Counters counters;
    private final ExecutorService writer;
    private final Queue<MqttSessionChange> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SessionJournal(MqttSessionStore store, Counters counters, ThreadFactory threads) {
        this.store = store;
        this.counters = counters;
        this.writer = Executors.newSingleThreadExecutor(threads);
    }

    @Override
    public void accept(MqttSessionChange change) {
        pending.add(change);
        if (scheduled.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException closed) {
                LOG.log(
                        Level.DEBUG,
                        "session change after close, not stored: {0}",
                        change.getClass().getSimpleName());
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        while (!pending.isEmpty()) {
            List<MqttSessionChange> batch = new ArrayList<>();
            for (MqttSessionChange c; batch.size() < MAX_BATCH && (c = pending.poll()) != null; ) {
                batch.add(c);
            }
            write(batch);
        }
    }

    private void write(List<MqttSessionChange> batch) {
        try {
            store.apply(batch);
        } catch (RuntimeException batchFailed) {
            for (MqttSessionChange c : batch) {
                try {
                    store.apply(List.of(c));
                } catch (RuntimeException e) {
                    counters.increment(FAILURES);
                    LOG.log(
                            Level.WARNING,
                            "cannot store a change of MQTT session {0} ({1}): {2}",
                            c.clientId(),
                            c.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "MQTT session changes not all stored within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(); // anything that arrived while shutting down
    }
}
