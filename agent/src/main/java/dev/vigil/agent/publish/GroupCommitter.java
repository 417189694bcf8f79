package dev.vigil.agent.publish;

import dev.vigil.agent.threads.DaemonThreads;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The {@code batch} fsync policy: one thread forces the outbox every interval, or sooner once a batch is pending. */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = System.getLogger(GroupCommitter.class.getName());

    private final FileOutbox outbox;
    private final OutboxSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private final Thread thread;
    private int pending;
    private boolean closed;

    GroupCommitter(FileOutbox outbox, OutboxSettings settings) {
        this.outbox = outbox;
        this.settings = settings;
        this.thread = DaemonThreads.named("vigil-outbox-commit").newThread(this::loop);
        thread.start();
    }

    void recordAppended() {
        lock.lock();
        try {
            pending++;
            if (pending == 1 || pending >= settings.fsyncBatch()) {
                due.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long intervalNanos = settings.fsyncInterval().toNanos();
        while (true) {
            lock.lock();
            try {
                while (!closed && pending == 0) {
                    due.await();
                }
                long wait = intervalNanos;
                while (!closed && pending < settings.fsyncBatch() && wait > 0) {
                    wait = due.awaitNanos(wait);
                }
                if (closed) {
                    return;
                }
                pending = 0;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                outbox.commit();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "outbox: group commit failed, will retry: " + e.getMessage());
                recordAppended();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "outbox: group commit failed", e);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            due.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
