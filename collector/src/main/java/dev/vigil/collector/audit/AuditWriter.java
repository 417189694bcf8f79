package dev.vigil.collector.audit;

import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.AuditRecord;
import dev.vigil.collector.store.JdbcAuditStore;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The audit trail on the store: {@link #record} puts the line on a bounded queue and returns; one worker thread writes
 * what has queued in batches. Never throws to the caller; a full queue or a failed write is logged (kind and count
 * only) and counted: {@code vigil_audit_written_total}, {@code vigil_audit_failed_total} (lines lost to a store
 * error), {@code vigil_audit_dropped_total} (queue full), gauge {@code vigil_audit_queued}.
 */
public final class AuditWriter implements AuditTrail, AutoCloseable {
    static final int CAPACITY = 10_000;
    static final int BATCH = 500;
    private static final System.Logger LOG = System.getLogger(AuditWriter.class.getName());
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcAuditStore store;
    private final Function<AuditEntry, String> customerOf;
    private final Counters counters;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread worker;
    /** Orders the lines of one millisecond as they were recorded; the suffix tells collectors and restarts apart. */
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    private final String suffix = randomTail().substring(0, 6);
    private volatile boolean closed;

    /** @param customerOf the customer whose users may see an entry, null for MSP staff only; must not block */
    public AuditWriter(
            JdbcAuditStore store,
            Function<AuditEntry, String> customerOf,
            Counters counters,
            Clock clock,
            ThreadFactory threads) {
        this.store = store;
        this.customerOf = customerOf;
        this.counters = counters;
        this.clock = clock;
        counters.gauge("vigil_audit_queued", queue::size);
        this.worker = threads.newThread(this::run);
        worker.start();
    }

    @Override
    public void record(AuditEntry entry) {
        Instant now = clock.instant();
        enqueue(entry, now, String.format(java.util.Locale.ROOT, "%012x%s", sequence.incrementAndGet(), suffix));
    }

    /**
     * Records a line at most once for {@code key} (an event id): a second call with the same key and time adds
     * nothing, even after a restart.
     */
    public void recordOnce(String key, Instant time, AuditEntry entry) {
        enqueue(entry, time, key);
    }

    private void enqueue(AuditEntry entry, Instant time, String tail) {
        try {
            if (closed) {
                throw new IllegalStateException("the audit writer is closed");
            }
            if (!queue.offer(new Pending(entry.kind(), entry, time, tail, customerOf.apply(entry)))) {
                counters.increment("vigil_audit_dropped_total");
                LOG.log(Level.WARNING, "audit queue full: dropped a {0} entry", entry.kind());
            }
        } catch (RuntimeException e) {
            counters.increment("vigil_audit_dropped_total");
            LOG.log(Level.WARNING, "cannot queue a {0} audit entry: {1}", entry == null ? "?" : entry.kind(), e);
        }
    }

    /** A line as recorded: its customer decided now, its text built on the worker. */
    private record Pending(String kind, AuditEntry entry, Instant time, String tail, String customer) {
        AuditRecord toRecord() {
            return AuditRecords.of(entry, time, tail, customer);
        }
    }

    static String randomTail() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> pending) throws InterruptedException {
        List<AuditRecord> batch = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            try {
                batch.add(p.toRecord());
            } catch (RuntimeException e) {
                counters.increment("vigil_audit_failed_total");
                LOG.log(Level.WARNING, "cannot write a {0} audit entry: {1}", p.kind(), e.toString());
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                store.append(batch);
                counters.increment("vigil_audit_batches_total");
                batch.forEach(r -> counters.increment("vigil_audit_written_total"));
                return;
            } catch (RuntimeException e) {
                if (attempt == 2 || closed) {
                    batch.forEach(r -> counters.increment("vigil_audit_failed_total"));
                    LOG.log(Level.WARNING, "cannot write {0} audit entries (lost): {1}", batch.size(), e.getMessage());
                    return;
                }
                Thread.sleep(RETRY_AFTER.toMillis());
            }
        }
    }

    /** Stops taking lines and writes what is queued (waits up to 10 s). */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
