package dev.vigil.agent.publish;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

/**
 * The outbox as append-only segment files in one directory (format in docs/agent-run.md). Records become visible to
 * readers only once durable under the fsync policy, so an event is never published before it would survive a power
 * loss (except with {@link FsyncPolicy#NEVER}).
 */
public final class FileOutbox implements Outbox {
    private static final Logger LOG = System.getLogger(FileOutbox.class.getName());
    private static final long HEAD_WRITE_INTERVAL_MS = 200;

    private final Path dir;
    private final OutboxSettings settings;
    private final Clock clock;
    private final HeadFile headFile;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final GroupCommitter committer;
    private final FileChannel lockChannel;

    private Segment writing;
    private FileChannel writeChannel;
    private long tail;
    private long durable;
    private long nextSeq;
    private long ackedSeq;
    private long head;
    private long depth;
    private long bytes;
    private long lastHeadWrite;
    private boolean closed;

    private FileOutbox(Path dir, OutboxSettings settings, Clock clock, FileChannel lockChannel) throws IOException {
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
        this.headFile = new HeadFile(dir);
        this.lockChannel = lockChannel;
        OutboxRecovery recovered = OutboxRecovery.scan(dir, headFile);
        ackedSeq = recovered.ackedSeq;
        head = recovered.head;
        nextSeq = recovered.lastSeq + 1;
        depth = recovered.depth;
        bytes = recovered.bytes;
        tail = recovered.tail();
        durable = tail;
        for (Segment s : recovered.segments) {
            segments.put(s.base, s);
        }
        openSegment();
        deleteAcknowledgedSegments();
        committer = settings.fsync() == FsyncPolicy.BATCH ? new GroupCommitter(this, settings) : null;
        if (depth > 0) {
            LOG.log(
                    Level.INFO,
                    "outbox: {0} events ({1} bytes) from before the restart still to deliver",
                    depth,
                    bytes);
        }
    }

    /** Opens (creating or recovering) the outbox in {@code dir}; fails when another process has it open. */
    public static FileOutbox open(Path dir, OutboxSettings settings, Clock clock) throws IOException {
        try {
            Files.createDirectories(dir);
            FileChannel lock = lock(dir);
            try {
                return new FileOutbox(dir, settings, clock, lock);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new IOException("outbox " + dir + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel =
                FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("in use by another agent process (or another outbox in this one)");
        }
        return channel;
    }

    @Override
    public long append(LongFunction<byte[]> payloadForSeq) throws IOException {
        long seq;
        boolean visible;
        synchronized (this) {
            if (closed) {
                throw new IOException("outbox is closed");
            }
            seq = nextSeq;
            byte[] payload = payloadForSeq.apply(seq);
            if (payload.length == 0 || payload.length > RecordCodec.MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("an outbox record holds 1 to " + RecordCodec.MAX_PAYLOAD_BYTES
                        + " bytes, not " + payload.length);
            }
            int size = RecordCodec.HEADER_BYTES + payload.length;
            if (bytes + size > settings.maxBytes()) {
                throw new OutboxFullException(bytes, settings.maxBytes(), size);
            }
            if (tail > writing.base && tail - writing.base + size > settings.segmentBytes()) {
                roll();
            }
            write(RecordCodec.encode(seq, payload));
            if (settings.fsync() == FsyncPolicy.ALWAYS) {
                writeChannel.force(false);
            }
            tail += size;
            writing.end = tail;
            bytes += size;
            depth++;
            nextSeq++;
            visible = settings.fsync() != FsyncPolicy.BATCH;
            if (visible) {
                durable = tail;
            }
        }
        if (visible) {
            fireChange();
        } else {
            committer.recordAppended();
        }
        return seq;
    }

    /** Group commit: forces what was written so far and makes it visible to readers. */
    void commit() throws IOException {
        long target;
        FileChannel channel;
        synchronized (this) {
            if (durable == tail || closed) {
                return;
            }
            target = tail;
            channel = writeChannel;
        }
        channel.force(false);
        synchronized (this) {
            durable = Math.max(durable, target);
        }
        fireChange();
    }

    @Override
    public Reader reader() {
        synchronized (this) {
            return new FileOutboxReader(this, head);
        }
    }

    synchronized long durableOffset() {
        return durable;
    }

    /** The segment holding logical offset {@code pos}, or the first one after it. */
    synchronized Segment segmentFrom(long pos) {
        Map.Entry<Long, Segment> floor = segments.floorEntry(pos);
        if (floor != null && pos < floor.getValue().end) {
            return floor.getValue();
        }
        Map.Entry<Long, Segment> next = segments.higherEntry(pos);
        return next == null ? null : next.getValue();
    }

    @Override
    public void acknowledge(OutboxRecord record) {
        synchronized (this) {
            if (record.seq() <= ackedSeq || closed) {
                return;
            }
            ackedSeq = record.seq();
            head = record.end();
            depth--;
            bytes -= record.size();
            try {
                if (!deleteAcknowledgedSegments() && clock.millis() - lastHeadWrite >= HEAD_WRITE_INTERVAL_MS) {
                    writeHead(false);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "outbox: cannot record delivered events in " + dir + ": " + e.getMessage());
            }
        }
        fireChange();
    }

    @Override
    public synchronized long depth() {
        return depth;
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public long maxBytes() {
        return settings.maxBytes();
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.close();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try (FileChannel last = writeChannel) {
                last.force(false);
                durable = tail;
                writeHead(true);
            } catch (IOException e) {
                LOG.log(
                        Level.WARNING,
                        "outbox: closing " + dir + " failed (undelivered events are kept): " + e.getMessage());
            }
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    private void fireChange() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    private void write(ByteBuffer record) throws IOException {
        long at = tail - writing.base;
        try {
            while (record.hasRemaining()) {
                at += writeChannel.write(record, at);
            }
        } catch (IOException e) {
            try {
                writeChannel.truncate(tail - writing.base);
            } catch (IOException ignored) {
                // recovery cuts the torn record at the next start
            }
            throw new IOException("outbox cannot write to " + writing.file + ": " + e.getMessage(), e);
        }
    }

    private void roll() throws IOException {
        writeChannel.force(false);
        durable = tail;
        writeChannel.close();
        openSegment();
    }

    private void openSegment() throws IOException {
        Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (last != null && last.end == tail && last.end - last.base < settings.segmentBytes()) {
            writing = last;
        } else {
            writing = new Segment(tail, Segment.fileFor(dir, tail), tail);
            segments.put(tail, writing);
        }
        writeChannel = FileChannel.open(writing.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        forceDirectory();
    }

    /** Deletes segments wholly before the head, after the head is on disk; true when it wrote the head. */
    private boolean deleteAcknowledgedSegments() throws IOException {
        List<Segment> done = new ArrayList<>();
        for (Segment s : segments.values()) {
            if (s != writing && s.end <= head) {
                done.add(s);
            }
        }
        if (done.isEmpty()) {
            return false;
        }
        writeHead(true);
        for (Segment s : done) {
            segments.remove(s.base);
            Files.deleteIfExists(s.file);
        }
        return true;
    }

    private void writeHead(boolean force) throws IOException {
        headFile.write(new HeadFile.Head(ackedSeq, head), force);
        lastHeadWrite = clock.millis();
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
