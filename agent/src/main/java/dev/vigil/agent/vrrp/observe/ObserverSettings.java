package dev.vigil.agent.vrrp.observe;

import java.time.Duration;

/**
 * Tunables of the observer.
 *
 * @param flappingChanges master changes within {@code flappingWindow} that make a group flapping
 * @param invalidEvery at most one {@code vrrp.invalid} per interface and reason in this period
 * @param maxGroups groups tracked at most (a hostile LAN cannot exhaust memory); adverts for more are counted
 * @param maxSpeakersPerGroup sources remembered per group at most, the longest silent forgotten first
 */
public record ObserverSettings(
        int flappingChanges, Duration flappingWindow, Duration invalidEvery, int maxGroups, int maxSpeakersPerGroup) {
    public static final ObserverSettings DEFAULTS =
            new ObserverSettings(4, Duration.ofSeconds(60), Duration.ofSeconds(10), 1024, 16);
}
