package dev.vigil.collector.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts state changes of each WAN and VRRP group (by site + subject): more than {@link #MAX_CHANGES} within {@link
 * #WINDOW} opens one {@code flapping} alert for the subject, resolved once the subject has been calm for a whole
 * window. It only adds actions; the alerts of each change are still opened and resolved as usual (the notifier does
 * not send them while the subject flaps).
 */
final class FlapGuard {
    /** A WAN that goes down and up twice within the window is bouncing, not failing once. */
    static final int MAX_CHANGES = 4;

    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Set<String> FLAPPABLE =
            Set.of(AlertRules.WAN_DOWN, AlertRules.WAN_DEGRADED, AlertRules.FAILOVER, AlertRules.MASTER_LOST);

    private final Map<String, Deque<Instant>> changes = new HashMap<>();
    private final Map<String, Set<String>> flapping = new HashMap<>();

    /** The actions of one event, preceded by an open {@code flapping} alert when this change crosses the limit. */
    synchronized List<AlertAction> screen(String site, List<AlertAction> actions, Instant now) {
        Set<String> subjects = new LinkedHashSet<>();
        for (AlertAction a : actions) {
            if (FLAPPABLE.contains(a.rule())) {
                subjects.add(a.subject());
            }
        }
        if (subjects.isEmpty()) {
            return actions;
        }
        List<AlertAction> out = new ArrayList<>();
        for (String subject : subjects) {
            Deque<Instant> times = changes.computeIfAbsent(site + "\n" + subject, k -> new ArrayDeque<>());
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            Set<String> flappingHere = flapping.computeIfAbsent(site, k -> new HashSet<>());
            if (times.size() > MAX_CHANGES && flappingHere.add(subject)) {
                out.add(AlertRules.forFlapping(site, subject, times.size(), WINDOW));
            }
        }
        out.addAll(actions);
        return out;
    }

    /** Site → resolves of the subjects that have been calm for a whole window. */
    synchronized Map<String, List<AlertAction>> calmed(Instant now) {
        Map<String, List<AlertAction>> out = new HashMap<>();
        changes.entrySet().removeIf(e -> {
            Instant last = e.getValue().peekLast();
            if (last != null && last.isAfter(now.minus(WINDOW))) {
                return false;
            }
            String[] key = e.getKey().split("\n", 2);
            Set<String> flappingHere = flapping.get(key[0]);
            if (flappingHere != null && flappingHere.remove(key[1])) {
                out.computeIfAbsent(key[0], k -> new ArrayList<>()).add(AlertRules.forCalm(key[1], WINDOW));
            }
            return true;
        });
        flapping.values().removeIf(Set::isEmpty);
        return out;
    }
}
