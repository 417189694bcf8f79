package dev.vigil.agent.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One append-only file of the outbox, named after the logical offset of its first byte. {@code end} is the logical
 * offset just past its last valid record.
 */
final class Segment {
    static final String SUFFIX = ".seg";

    final long base;
    final Path file;
    long end;

    Segment(long base, Path file, long end) {
        this.base = base;
        this.file = file;
        this.end = end;
    }

    static Path fileFor(Path dir, long base) {
        return dir.resolve(String.format(Locale.ROOT, "%020d%s", base, SUFFIX));
    }

    /** The base offset of a segment file name, or -1 when the name is not one. */
    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("\\d{20}\\" + SUFFIX)) {
            return -1;
        }
        return Long.parseLong(name.substring(0, 20));
    }

    /** Reads the record at logical offset {@code pos}; null when none starts there or it does not check out. */
    static OutboxRecord readAt(FileChannel channel, long base, long pos) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
        if (!readFully(channel, header, pos - base)) {
            return null;
        }
        int length = RecordCodec.payloadLength(header);
        if (length < 0) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (!readFully(channel, payload, pos - base + RecordCodec.HEADER_BYTES)) {
            return null;
        }
        if (!RecordCodec.checks(header, payload.array())) {
            return null;
        }
        long end = pos + RecordCodec.HEADER_BYTES + length;
        return new OutboxRecord(RecordCodec.seq(header), pos, end, payload.array());
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }
}
