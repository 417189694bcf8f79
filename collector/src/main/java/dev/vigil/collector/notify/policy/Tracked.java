package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.routing.RoutingRule;
import dev.vigil.collector.store.AlertRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** An alert that was notified: where it went, for reminders, escalation and its resolve. */
final class Tracked {
    AlertRecord alert;
    final Set<String> channels = new LinkedHashSet<>();
    final List<RoutingRule> rules;
    final Instant firstSent;
    final String ackUrl;
    Instant lastSent;
    boolean escalated;
    boolean acknowledged;

    Tracked(AlertRecord alert, List<RoutingRule> rules, Instant sent, String ackUrl) {
        this.alert = alert;
        this.rules = rules;
        this.firstSent = sent;
        this.lastSent = sent;
        this.ackUrl = ackUrl;
    }

    /** The shortest repeat of the rules that sent it, null when none repeats. */
    Duration repeatEvery() {
        return rules.stream()
                .map(RoutingRule::repeatEvery)
                .filter(Objects::nonNull)
                .min(Duration::compareTo)
                .orElse(null);
    }
}
