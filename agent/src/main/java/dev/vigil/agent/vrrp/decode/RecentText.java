package dev.vigil.agent.vrrp.decode;

import java.util.Arrays;

/**
 * The text of recently formatted byte strings, in 64 slots chosen by hash; a new one replaces whatever held its slot.
 * Safe without locks: an entry is immutable, so a thread sees either a whole entry or none, and a miss only costs
 * formatting again.
 */
final class RecentText {
    private static final int SLOTS = 64;

    private record Entry(byte[] key, String text) {}

    private final Entry[] slots = new Entry[SLOTS];

    String get(byte[] b, int off, int len) {
        Entry e = slots[slot(b, off, len)];
        return e != null && Arrays.equals(e.key, 0, len, b, off, off + len) ? e.text : null;
    }

    String put(byte[] b, int off, int len, String text) {
        slots[slot(b, off, len)] = new Entry(Arrays.copyOfRange(b, off, off + len), text);
        return text;
    }

    private static int slot(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
