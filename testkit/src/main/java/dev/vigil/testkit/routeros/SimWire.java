package dev.vigil.testkit.routeros;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's own side of the API framing, written apart from the agent's codec so that each checks the other
 * (both are tested against the vectors in routeros-api.md §1.2).
 */
public final class SimWire {
    /** The router refuses sentences with words bigger than this from a client. */
    static final int MAX_WORD = 64 * 1024;

    private SimWire() {}

    /** Length prefix: the number of prefix bytes follows from how many of the first byte's high bits are set. */
    public static byte[] prefix(long n) {
        int extra = n < 0x80 ? 0 : n < 0x4000 ? 1 : n < 0x200000 ? 2 : n < 0x10000000L ? 3 : 4;
        byte[] out = new byte[extra + 1];
        if (extra == 4) {
            out[0] = (byte) 0xF0;
            for (int i = 1; i <= 4; i++) {
                out[i] = (byte) (n >>> (8 * (4 - i)));
            }
            return out;
        }
        long marker = extra == 0 ? 0 : (0xFFL << (8 - extra)) & 0xFF;
        long value = n | (marker << (8 * extra));
        for (int i = 0; i <= extra; i++) {
            out[i] = (byte) (value >>> (8 * (extra - i)));
        }
        return out;
    }

    /** Reads a length prefix; -1 at a clean end of stream before the first byte. */
    public static long readPrefix(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        int ones = Integer.numberOfLeadingZeros(~(first << 24));
        if (ones >= 5) {
            throw new IOException("control byte " + Integer.toHexString(first));
        }
        long value = ones == 4 ? 0 : first & (0xFF >>> (ones + 1));
        for (int i = 0; i < ones; i++) {
            value = (value << 8) | in.readUnsignedByte();
        }
        return value;
    }

    /** Reads one sentence; null at a clean end of stream. */
    public static List<String> readSentence(DataInputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            long n = readPrefix(in);
            if (n < 0) {
                return null;
            }
            if (n == 0) {
                if (words.isEmpty()) {
                    continue;
                }
                return words;
            }
            if (n > MAX_WORD) {
                throw new IOException("word too long: " + n);
            }
            byte[] bytes = new byte[(int) n];
            in.readFully(bytes);
            words.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    public static byte[] sentence(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String w : words) {
            byte[] b = w.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(prefix(b.length));
            out.writeBytes(b);
        }
        out.write(0);
        return out.toByteArray();
    }

    static DataInputStream data(InputStream in) {
        return new DataInputStream(new java.io.BufferedInputStream(in));
    }
}
