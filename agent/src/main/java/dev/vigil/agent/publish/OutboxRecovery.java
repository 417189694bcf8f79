package dev.vigil.agent.publish;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rebuilds the outbox's state from its directory at start-up: checks every record, cuts each segment at its first
 * record that does not check out (a torn tail after a crash or power loss) with a log line, and counts what is still
 * to be delivered.
 */
final class OutboxRecovery {
    private static final Logger LOG = System.getLogger(OutboxRecovery.class.getName());

    final List<Segment> segments = new ArrayList<>();
    long ackedSeq;
    long head;
    long lastSeq;
    long depth;
    long bytes;
    long droppedBytes;

    static OutboxRecovery scan(Path dir, HeadFile headFile) throws IOException {
        OutboxRecovery r = new OutboxRecovery();
        HeadFile.Head stored = headFile.read();
        if (stored != null) {
            r.ackedSeq = stored.ackedSeq();
            r.head = stored.offset();
        }
        r.lastSeq = r.ackedSeq;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Segment.baseOf(p) >= 0).sorted().toList();
        }
        for (Path file : files) {
            r.segments.add(r.scanSegment(file, Segment.baseOf(file)));
        }
        return r;
    }

    /** The logical offset just past the last valid record, or the head when there is none. */
    long tail() {
        return segments.isEmpty() ? head : Math.max(head, segments.get(segments.size() - 1).end);
    }

    private Segment scanSegment(Path file, long base) throws IOException {
        long pos = base;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            OutboxRecord record;
            while ((record = Segment.readAt(ch, base, pos)) != null) {
                if (record.seq() <= lastSeq && record.end() > head) {
                    break; // out of order: treated like a torn record
                }
                if (record.start() >= head && record.seq() > ackedSeq) {
                    depth++;
                    bytes += record.size();
                }
                lastSeq = Math.max(lastSeq, record.seq());
                pos = record.end();
            }
            long valid = pos - base;
            if (valid < size) {
                droppedBytes += size - valid;
                LOG.log(
                        Level.WARNING,
                        "outbox: {0} ends in a torn or damaged record at byte {1}; dropped the last {2} bytes"
                                + " (a write cut short by a crash or power loss)",
                        file.getFileName(),
                        valid,
                        size - valid);
                ch.truncate(valid);
                ch.force(true);
            }
        }
        return new Segment(base, file, pos);
    }
}
