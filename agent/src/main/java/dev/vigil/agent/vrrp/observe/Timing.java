package dev.vigil.agent.vrrp.observe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;

/** Timer arithmetic of RFC 3768/5798 §6.1 as an observer applies it. */
final class Timing {
    private Timing() {}

    /**
     * Master_Down_Interval = 3 × interval + Skew_Time, with the skew of the most eager possible backup (priority
     * 254: 2/256 of an interval), so the observer declares the master lost just before any real backup takes over.
     */
    static long masterDownMs(int intervalMs) {
        return 3L * intervalMs + (2L * intervalMs + 255) / 256;
    }

    /** A source still counts as advertising when heard within two of its intervals. */
    static boolean active(Speaker s, Instant now) {
        return !s.resigned() && millis(s.lastSeen, now) <= 2L * s.intervalMs;
    }

    static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static int compareAddresses(String a, String b) {
        try {
            byte[] x = InetAddress.getByName(a).getAddress();
            byte[] y = InetAddress.getByName(b).getAddress();
            if (x.length != y.length) {
                return Integer.compare(x.length, y.length);
            }
            for (int i = 0; i < x.length; i++) {
                int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        } catch (UnknownHostException e) {
            return a.compareTo(b);
        }
    }
}
