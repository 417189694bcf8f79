package dev.vigil.collector.store;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for events: one thread drains whatever has queued up (at most {@link #MAX_BATCH}) and stores it in one
 * transaction, then completes every caller's future — so a PUBACK can wait for the commit without one transaction
 * per message. A failed batch fails its futures; the loop carries on with the next one.
 */
public final class EventWriter implements AutoCloseable {
    public static final int MAX_BATCH = 1000;
    public static final int MAX_QUEUED = 100_000;
    private static final System.Logger LOG = System.getLogger(EventWriter.class.getName());

    private record Pending(StoredEvent event, CompletableFuture<Boolean> done) {}

    private final EventStore store;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private volatile boolean running = true;

    public EventWriter(EventStore store, ThreadFactory threads) {
        this.store = store;
        this.thread = threads.newThread(this::loop);
        thread.start();
    }

    /** Completes with true when stored now, false when the id was known; fails when the store failed. */
    public CompletableFuture<Boolean> submit(StoredEvent event) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new StoreException("the event writer is closed", null));
        } else if (!queue.offer(new Pending(event, done))) {
            done.completeExceptionally(new StoreException("too many events waiting for the store", null));
        }
        return done;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private long batches;
    private long written;
    private long writeNanos;

    private void write(List<Pending> batch) {
        long t0 = System.nanoTime();
        try {
            List<Boolean> fresh =
                    store.append(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(fresh.get(i));
            }
            batches++;
            written += batch.size();
            writeNanos += System.nanoTime() - t0;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "storing {0} events failed: {1}", batch.size(), e.getMessage());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(
                Level.INFO,
                "event writer stopped: {0} events in {1} transactions, {2} ms writing",
                written,
                batches,
                writeNanos / 1_000_000);
    }
}
