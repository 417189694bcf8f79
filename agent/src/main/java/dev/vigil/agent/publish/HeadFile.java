package dev.vigil.agent.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The outbox's acknowledged position: the last acknowledged seq and the logical offset of the first unacknowledged
 * record, replaced atomically (write to a temporary file, rename). A lost or stale head only means redelivery, which
 * event ids make harmless.
 */
final class HeadFile {
    record Head(long ackedSeq, long offset) {}

    private final Path file;
    private final Path temp;

    HeadFile(Path dir) {
        this.file = dir.resolve("head");
        this.temp = dir.resolve("head.tmp");
    }

    /** The stored head; a missing or damaged file reads as nothing acknowledged. */
    Head read() throws IOException {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
            if (buf.remaining() != 20 || buf.getInt(16) != crc(buf.getLong(0), buf.getLong(8))) {
                return null;
            }
            return new Head(buf.getLong(0), buf.getLong(8));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    void write(Head head, boolean force) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(20);
        buf.putLong(head.ackedSeq()).putLong(head.offset()).putInt(crc(head.ackedSeq(), head.offset()));
        buf.flip();
        try (FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(false);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int crc(long seq, long offset) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(16).putLong(seq).putLong(offset).flip());
        return (int) crc.getValue();
    }
}
