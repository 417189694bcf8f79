package dev.vigil.protocol;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Generates ULIDs: 26 characters of Crockford base32, 48 bits of milliseconds then 80 random bits. Ids from one
 * generator sort in generation order, even within one millisecond (the random part is incremented).
 */
public final class EventIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow; // 64 bits

    public EventIds(Clock clock) {
        this.clock = clock;
    }

    public EventIds() {
        this(Clock.systemUTC());
    }

    public synchronized String next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong();
        }
        return encode(millis, randomHigh, randomLow);
    }

    private static String encode(long millis, long high16, long low64) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits = high16 . low64, written as 16 base32 digits from the least significant end.
        long low = low64;
        long high = high16;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }

    /** True when the text has the shape of an id this class generates. */
    public static boolean isValid(String id) {
        return id != null && id.matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    }
}
