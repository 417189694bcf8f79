package dev.vigil.collector.tenancy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An immutable copy of some store data that access checks read without a store call. It is replaced whole: by a local
 * change (copy on write) or by a reload from the store ({@link TenancySync}). A reload whose read may predate a local
 * change is dropped, so a change made here is never undone by an older read; the next reload brings it.
 */
final class StoreCopy<T> {
    private volatile T current;
    private long changes; // guarded by this

    StoreCopy(T initial) {
        this.current = initial;
    }

    T get() {
        return current;
    }

    /** A change made here, after its store write. */
    synchronized void change(UnaryOperator<T> change) {
        current = change.apply(current);
        changes++;
    }

    /** Take before reading the store; hand to {@link #reload}. */
    synchronized long changes() {
        return changes;
    }

    /** Replaces the copy by a fresh read, unless a local change came after {@code seen}; false then. */
    synchronized boolean reload(T fresh, long seen) {
        if (changes != seen) {
            return false;
        }
        current = fresh;
        return true;
    }

    /** The map with the key set to the value, or removed when the value is null. */
    static <K, V> Map<K, V> withEntry(Map<K, V> map, K key, V value) {
        Map<K, V> copy = new HashMap<>(map);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return Map.copyOf(copy);
    }

    /** The set with the member added ({@code present}) or removed. */
    static <E> Set<E> withMember(Set<E> set, E member, boolean present) {
        Set<E> copy = new HashSet<>(set);
        if (present) {
            copy.add(member);
        } else {
            copy.remove(member);
        }
        return Set.copyOf(copy);
    }
}
