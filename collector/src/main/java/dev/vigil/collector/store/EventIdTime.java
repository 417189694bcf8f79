package dev.vigil.collector.store;

/**
 * The time in an event id (a ULID: 10 Crockford base32 digits of milliseconds, then 16 random ones), which sorts like
 * the id itself — so a range of creation times is a range of ids.
 */
final class EventIdTime {
    static final long MAX_MILLIS = (1L << 48) - 1;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int TIME_DIGITS = 10;
    private static final int LENGTH = 26;

    private EventIdTime() {}

    /** The milliseconds of an id, or -1 when it is not a ULID. */
    static long millis(String id) {
        if (id == null || id.length() != LENGTH || id.charAt(0) > '7') {
            return -1;
        }
        long millis = 0;
        for (int i = 0; i < LENGTH; i++) {
            int digit = ALPHABET.indexOf(id.charAt(i));
            if (digit < 0) {
                return -1;
            }
            if (i < TIME_DIGITS) {
                millis = millis << 5 | digit;
            }
        }
        return millis;
    }

    /** The smallest id of that millisecond: every id of a later one sorts after it, every earlier one before. */
    static String first(long millis) {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("no ULID for " + millis + " ms");
        }
        char[] id = new char[LENGTH];
        java.util.Arrays.fill(id, '0');
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (millis & 31));
            millis >>>= 5;
        }
        return new String(id);
    }
}
