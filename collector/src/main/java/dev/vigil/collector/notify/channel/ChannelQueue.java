package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * One channel's deliveries, one at a time in arrival order on a shared pool, so a slow or dead channel holds one
 * thread and delays only itself. A failed attempt is retried per the {@link RetryPolicy} through the {@link
 * Scheduler}; while it waits, the channel's later notifications go ahead.
 */
final class ChannelQueue {
    /** Far more than a storm digest per minute for an hour: past this the channel is hopeless and memory matters. */
    static final int CAPACITY = 1_000;

    private final ChannelInfo channel;
    private final Sender sender;
    private final RetryPolicy retry;
    private final Scheduler scheduler;
    private final Executor pool;
    private final DeliveryRecorder recorder;
    private final DoubleSupplier random;
    private final Deque<Job> pending = new ArrayDeque<>();
    private boolean running;
    private boolean closed;

    /** One notification's next attempt; {@code firstAttempt} completes with the first attempt's result. */
    record Job(Notification notification, int attempt, CompletableFuture<Attempt> firstAttempt) {}

    ChannelQueue(
            ChannelInfo channel,
            Sender sender,
            RetryPolicy retry,
            Scheduler scheduler,
            Executor pool,
            DeliveryRecorder recorder,
            DoubleSupplier random) {
        this.channel = channel;
        this.sender = sender;
        this.retry = retry;
        this.scheduler = scheduler;
        this.pool = pool;
        this.recorder = recorder;
        this.random = random;
    }

    ChannelInfo channel() {
        return channel;
    }

    /** Never blocks. */
    void offer(Notification n, CompletableFuture<Attempt> firstAttempt) {
        boolean full;
        synchronized (this) {
            full = closed || pending.size() >= CAPACITY;
            if (!full) {
                enqueue(new Job(n, 1, firstAttempt));
            }
        }
        if (full) {
            String why = closed ? "the channel was deleted" : "the channel's queue is full (" + CAPACITY + ")";
            if (firstAttempt != null) {
                firstAttempt.complete(Attempt.permanentFailure(why));
            }
            // the log write is blocking: never on the caller's thread
            pool.execute(() -> recorder.record(channel, n, 0, DeliveryOutcome.DROPPED, why));
        }
    }

    private synchronized void requeue(Job job) {
        if (!closed) {
            enqueue(job);
        }
    }

    private void enqueue(Job job) {
        pending.add(job);
        if (!running) {
            running = true;
            pool.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Job job;
            synchronized (this) {
                job = closed ? null : pending.poll();
                if (job == null) {
                    running = false;
                    return;
                }
            }
            attempt(job);
        }
    }

    private void attempt(Job job) {
        Attempt a;
        try {
            a = sender.send(job.notification());
        } catch (RuntimeException e) {
            a = Attempt.permanentFailure("error: " + e.getClass().getSimpleName());
        }
        boolean again = a.result() == Attempt.Result.TRANSIENT && job.attempt() < retry.maxAttempts();
        String outcome = a.result() == Attempt.Result.DELIVERED
                ? DeliveryOutcome.DELIVERED
                : again ? DeliveryOutcome.RETRYING : DeliveryOutcome.FAILED;
        recorder.record(channel, job.notification(), job.attempt(), outcome, a.detail());
        if (job.firstAttempt() != null) {
            job.firstAttempt().complete(a);
        }
        if (again) {
            Job next = new Job(job.notification(), job.attempt() + 1, null);
            scheduler.schedule(retry.delay(job.attempt(), a.retryAfter(), random), () -> requeue(next));
        }
    }

    /** Drops what waits; an attempt under way finishes. */
    synchronized void close() {
        closed = true;
        pending.clear();
    }
}
