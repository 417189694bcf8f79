package dev.vigil.agent.routeros;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary API framing (routeros-api.md §1.2–1.3): a word is a 1–5 byte big-endian length prefix and that many
 * bytes; a sentence is words ended by an empty word. Lengths count bytes, not characters.
 */
public final class WordCodec {
    /** Words above this size end the session: no reply we read is near it, so a larger one is garbage. */
    public static final int MAX_WORD_BYTES = 1 << 20;

    private WordCodec() {}

    /** The length prefix for a word of {@code length} bytes, in the shortest of the five forms. */
    public static byte[] encodeLength(long length) {
        if (length < 0 || length > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("word length out of range: " + length);
        }
        if (length < 0x80) {
            return new byte[] {(byte) length};
        } else if (length < 0x4000) {
            return bytes(length | 0x8000, 2);
        } else if (length < 0x200000) {
            return bytes(length | 0xC00000, 3);
        } else if (length < 0x10000000) {
            return bytes(length | 0xE0000000L, 4);
        }
        byte[] out = new byte[5];
        out[0] = (byte) 0xF0;
        System.arraycopy(bytes(length, 4), 0, out, 1, 4);
        return out;
    }

    /** Reads one length prefix; throws on a reserved control byte (≥ 0xF8) or end of stream. */
    public static long readLength(InputStream in) throws IOException {
        int first = readByte(in);
        if ((first & 0x80) == 0) {
            return first;
        } else if ((first & 0xC0) == 0x80) {
            return ((first & 0x3F) << 8) | readByte(in);
        } else if ((first & 0xE0) == 0xC0) {
            return ((long) (first & 0x1F) << 16) | readUnsigned(in, 2);
        } else if ((first & 0xF0) == 0xE0) {
            return ((long) (first & 0x0F) << 24) | readUnsigned(in, 3);
        } else if ((first & 0xF8) == 0xF0) {
            return readUnsigned(in, 4);
        }
        throw new RouterOsException(
                RouterOsException.Kind.PROTOCOL,
                String.format(
                        java.util.Locale.ROOT, "reserved control byte 0x%02x where a word length was expected", first));
    }

    /** Reads one word; a word longer than {@link #MAX_WORD_BYTES} is refused before any of it is read. */
    public static String readWord(InputStream in) throws IOException {
        long length = readLength(in);
        if (length > MAX_WORD_BYTES) {
            throw new RouterOsException(
                    RouterOsException.Kind.PROTOCOL,
                    "word of " + length + " bytes exceeds the limit of " + MAX_WORD_BYTES + " bytes");
        }
        byte[] word = in.readNBytes((int) length);
        if (word.length != length) {
            throw new EOFException("connection closed in the middle of a word");
        }
        return new String(word, StandardCharsets.UTF_8);
    }

    /** Reads words up to the empty word that ends a sentence. Empty sentences are skipped. */
    public static List<String> readSentence(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            String word = readWord(in);
            if (!word.isEmpty()) {
                words.add(word);
            } else if (!words.isEmpty()) {
                return words;
            }
        }
    }

    /** One sentence as bytes, ready to be written in one go. */
    public static byte[] encodeSentence(List<String> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(encodeLength(bytes.length));
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] bytes(long value, int count) {
        byte[] out = new byte[count];
        for (int i = count - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static long readUnsigned(InputStream in, int count) throws IOException {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 8) | readByte(in);
        }
        return value;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the router");
        }
        return b;
    }
}
