package dev.vigil.agent.publish;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk shape of one outbox record: {@code length:int32 crc32c:int32 seq:int64 payload[length]}, big-endian,
 * the CRC covering seq and payload. A record that does not check out (short, zero-filled, bad CRC) is torn.
 */
final class RecordCodec {
    static final int HEADER_BYTES = 16;
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private RecordCodec() {}

    static ByteBuffer encode(long seq, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buf.putInt(payload.length);
        buf.putInt(crc(seq, payload));
        buf.putLong(seq);
        buf.put(payload);
        return buf.flip();
    }

    /** The payload length of a header, or -1 when the header cannot start a valid record. */
    static int payloadLength(ByteBuffer header) {
        int length = header.getInt(0);
        return length <= 0 || length > MAX_PAYLOAD_BYTES ? -1 : length;
    }

    static long seq(ByteBuffer header) {
        return header.getLong(8);
    }

    static boolean checks(ByteBuffer header, byte[] payload) {
        return header.getInt(4) == crc(seq(header), payload);
    }

    private static int crc(long seq, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, seq));
        crc.update(payload);
        return (int) crc.getValue();
    }
}
