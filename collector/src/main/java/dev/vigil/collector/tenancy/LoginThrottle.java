package dev.vigil.collector.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins counted per key (an account, a source address): after {@link #FREE_FAILURES} the next attempt must
 * wait {@link #FIRST_DELAY}, doubling with every further failure up to {@link #MAX_DELAY}. An attempt made while
 * waiting is refused without checking the password and does not count, so the right password works again once the
 * delay is over. A key whose last failure is older than {@link #FORGET_AFTER} starts again from zero. Time comes only
 * from the clock. Thread-safe.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** Bounds the memory an attacker can make us spend with made-up user names. */
    static final int MAX_KEYS = 100_000;

    private record Failures(int count, Instant last) {}

    /** A key that has to wait, for listing. */
    public record Waiting(String key, int failures, Instant until) {}

    private final Map<String, Failures> failures = new HashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the longest-waiting of the keys must still wait; empty when an attempt may go ahead. */
    public synchronized Optional<Duration> wait(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures f = key == null ? null : failures.get(key);
            if (f != null) {
                Duration left = Duration.between(now, until(f));
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() || longest.isNegative() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failure on each key; returns the new failure count of the first one. */
    public synchronized int failed(String... keys) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now));
        }
        int first = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null || (failures.size() >= MAX_KEYS && !failures.containsKey(keys[i]))) {
                continue;
            }
            Failures old = failures.get(keys[i]);
            int count = old == null || old.last().plus(FORGET_AFTER).isBefore(now) ? 1 : old.count() + 1;
            failures.put(keys[i], new Failures(count, now));
            if (i == 0) {
                first = count;
            }
        }
        return first;
    }

    /** Forgets the key's failures (a successful sign-in, or an admin lifting a lockout); false when it had none. */
    public synchronized boolean clear(String key) {
        return failures.remove(key) != null;
    }

    /** The keys that must wait now, with at least {@code minFailures}. */
    public synchronized List<Waiting> waiting(int minFailures) {
        Instant now = clock.instant();
        List<Waiting> out = new ArrayList<>();
        failures.forEach((k, f) -> {
            if (f.count() >= minFailures && until(f).isAfter(now)) {
                out.add(new Waiting(k, f.count(), until(f)));
            }
        });
        return out;
    }

    public synchronized int size() {
        return failures.size();
    }

    static Duration delay(int failures) {
        if (failures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    private static Instant until(Failures f) {
        return f.last().plus(delay(f.count()));
    }
}
