package dev.vigil.agent.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads durable records of a {@link FileOutbox} in order from a starting offset, one open segment at a time. */
final class FileOutboxReader implements Outbox.Reader {
    private final FileOutbox outbox;
    private long pos;
    private Segment segment;
    private FileChannel channel;

    FileOutboxReader(FileOutbox outbox, long start) {
        this.outbox = outbox;
        this.pos = start;
    }

    @Override
    public List<OutboxRecord> next(int max) throws IOException {
        List<OutboxRecord> out = new ArrayList<>();
        long limit = outbox.durableOffset();
        while (out.size() < max && pos < limit) {
            Segment current = outbox.segmentFrom(pos);
            if (current == null) {
                break;
            }
            pos = Math.max(pos, current.base);
            if (pos >= limit) {
                break;
            }
            OutboxRecord record = Segment.readAt(open(current), current.base, pos);
            if (record == null || record.end() > limit) {
                throw new IOException("outbox record at offset " + pos + " of " + current.file + " cannot be read");
            }
            out.add(record);
            pos = record.end();
        }
        return out;
    }

    private FileChannel open(Segment wanted) throws IOException {
        if (segment != wanted) {
            close();
            try {
                channel = FileChannel.open(wanted.file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new IOException("outbox segment " + wanted.file + " vanished while being read", e);
            }
            segment = wanted;
        }
        return channel;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel
            }
            channel = null;
            segment = null;
        }
    }
}
