package dev.vigil.collector.notify.routing;

import dev.vigil.collector.notify.store.DocumentTable;
import dev.vigil.protocol.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing rules, stored and held in memory. With no rule at all every warning and critical alert goes to every
 * channel; once a rule exists, an alert goes only where the rules that match it say. Writes are blocking.
 */
public final class RuleBook {
    private final DocumentTable table;
    private final Clock clock;
    private volatile List<RoutingRule> rules = List.of();

    /** Where one alert goes, and the rules that sent it there (for escalation). */
    public record Route(Set<String> channels, List<RoutingRule> rules) {}

    public RuleBook(DocumentTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** Blocking: reads the stored rules. */
    public void load() {
        List<RoutingRule> loaded = new ArrayList<>();
        for (DocumentTable.Document d : table.all()) {
            loaded.add(RoutingRule.fromJson(d.id(), d.body(), c -> true));
        }
        rules = List.copyOf(loaded);
    }

    public List<RoutingRule> all() {
        return rules;
    }

    /** Blocking. */
    public synchronized RoutingRule add(RoutingRule rule) {
        table.insert(rule.id(), rule.toJson(), clock.instant());
        List<RoutingRule> next = new ArrayList<>(rules);
        next.add(rule);
        rules = List.copyOf(next);
        return rule;
    }

    /** Blocking; false when there was no such rule. */
    public synchronized boolean remove(String id) {
        boolean found = table.delete(id);
        rules = rules.stream().filter(r -> !r.id().equals(id)).toList();
        return found;
    }

    /**
     * @param allChannels every configured channel id, for the default route
     */
    public Route route(
            String rule,
            Severity severity,
            List<String> siteTags,
            Optional<String> customer,
            List<String> allChannels) {
        List<RoutingRule> current = rules;
        if (current.isEmpty()) {
            return severity.compareTo(Severity.WARNING) >= 0
                    ? new Route(new LinkedHashSet<>(allChannels), List.of())
                    : new Route(Set.of(), List.of());
        }
        Set<String> channels = new LinkedHashSet<>();
        List<RoutingRule> matched = new ArrayList<>();
        for (RoutingRule r : current) {
            if (r.matches(rule, severity, siteTags, customer)) {
                channels.addAll(r.channels());
                matched.add(r);
            }
        }
        return new Route(channels, matched);
    }
}
