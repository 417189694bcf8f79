package dev.vigil.collector.notify.policy;

import dev.vigil.collector.alerts.AlertRules;
import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.Dispatcher;
import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.notify.ack.AckStore;
import dev.vigil.collector.notify.ack.AckTokens;
import dev.vigil.collector.notify.maintenance.MaintenanceBook;
import dev.vigil.collector.notify.maintenance.MaintenanceWindow;
import dev.vigil.collector.notify.routing.RoutingRule;
import dev.vigil.collector.notify.routing.RuleBook;
import dev.vigil.collector.notify.routing.SiteCustomers;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Severity;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides who is told what about each alert change: maintenance and snoozes, the offline site that holds its other
 * alerts, routing rules, quiet hours, storms; and, on {@link #tick()}, reminders, escalation, summaries and digests.
 * Confined to one thread (the {@link Notifier}'s); tests drive it directly with a fake clock.
 */
final class NotifyPolicy {
    private static final System.Logger LOG = System.getLogger(NotifyPolicy.class.getName());

    private final ChannelDirectory channels;
    private final RuleBook rules;
    private final MaintenanceBook maintenance;
    private final SiteCustomers customers;
    private final Function<String, List<String>> siteTags;
    private final AckTokens tokens;
    private final AckStore ackStore;
    private final NotifySettings settings;
    private final Clock clock;
    private final StormGate storm;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, OfflineSite> offline = new HashMap<>();
    private final Map<String, String> muted = new ConcurrentHashMap<>();
    private final java.util.Set<String> flapping = new java.util.HashSet<>();
    private final Instant startedAt;

    NotifyPolicy(
            ChannelDirectory channels,
            Dispatcher dispatcher,
            RuleBook rules,
            MaintenanceBook maintenance,
            SiteCustomers customers,
            Function<String, List<String>> siteTags,
            AckTokens tokens,
            AckStore ackStore,
            NotifySettings settings,
            Clock clock) {
        this.channels = channels;
        this.rules = rules;
        this.maintenance = maintenance;
        this.customers = customers;
        this.siteTags = siteTags;
        this.tokens = tokens;
        this.ackStore = ackStore;
        this.settings = settings;
        this.clock = clock;
        this.storm = new StormGate(dispatcher, settings.stormPerMinute());
        // alerts carry millisecond times: compare at that precision, or an alert opened in the very millisecond of
        // the start would count as one of the previous run's and never be told
        this.startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Unresolved alerts that were not sent, with why (maintenance, snooze, site offline); readable from any thread. */
    Map<String, String> muted() {
        return Map.copyOf(muted);
    }

    String mutedBy(String alertId) {
        return muted.get(alertId);
    }

    void onChange(AlertRecord a) {
        if (a.resolved()) {
            onResolved(a);
        } else if (AlertRecord.ACKNOWLEDGED.equals(a.state())) {
            Tracked t = tracked.get(a.id());
            if (t != null) {
                t.acknowledged = true;
                t.alert = a;
            }
        } else if (tracked.containsKey(a.id())) {
            tracked.get(a.id()).alert = a; // news about an alert already told: no second message
        } else if (!muted.containsKey(a.id()) && !a.openedAt().isBefore(startedAt)) {
            // an alert opened before this start was handled by the previous run: not told again
            onOpened(a);
        }
    }

    private void onOpened(AlertRecord a) {
        Instant now = clock.instant();
        Optional<MaintenanceWindow> window = maintenance.muting(a.site(), a.id(), now);
        if (window.isPresent()) {
            muted.put(a.id(), window.get().describe());
            return;
        }
        String subjectKey = a.site() + "\n" + a.subject();
        if (AlertRules.FLAPPING.equals(a.rule())) {
            flapping.add(subjectKey);
        } else if (flapping.contains(subjectKey)) {
            muted.put(a.id(), "flapping");
            return;
        }
        OfflineSite site = offline.get(a.site());
        if (AlertRules.SITE_OFFLINE.equals(a.rule())) {
            if (site != null) {
                // gone again before the summary: the same cause, already told
                site.offline = a;
                site.backAt = null;
                muted.put(a.id(), "site offline (told already)");
                return;
            }
            offline.put(a.site(), new OfflineSite(a, now));
        } else if (site != null) {
            site.held.add(a.title());
            muted.put(a.id(), "site offline");
            return;
        }
        RuleBook.Route route = rules.route(
                a.rule(),
                a.severity(),
                siteTags.apply(a.site()),
                customers.customerOf(a.site()),
                channels.all().stream().map(ChannelRef::id).toList());
        if (route.channels().isEmpty()) {
            return;
        }
        Tracked t = new Tracked(a, route.rules(), now, ackUrl(a));
        tracked.put(a.id(), t);
        Notification n = Messages.alert(NotificationKind.ALERT, a, t.ackUrl);
        for (String id : route.channels()) {
            if (send(id, n, a.severity(), now)) {
                t.channels.add(id);
            }
        }
    }

    private void onResolved(AlertRecord a) {
        muted.remove(a.id());
        OfflineSite site = offline.get(a.site());
        if (AlertRules.SITE_OFFLINE.equals(a.rule())
                && site != null
                && site.offline.id().equals(a.id())) {
            site.backAt = clock.instant();
            return; // the summary goes out once the site has settled
        }
        String subjectKey = a.site() + "\n" + a.subject();
        if (AlertRules.FLAPPING.equals(a.rule())) {
            flapping.remove(subjectKey);
        }
        Tracked t = tracked.remove(a.id());
        if (t == null || (flapping.contains(subjectKey) && !AlertRules.FLAPPING.equals(a.rule()))) {
            return; // never told, or one more bounce of a flapping subject
        }
        Notification n = Messages.resolved(a);
        Instant now = clock.instant();
        t.channels.forEach(id -> send(id, n, Severity.INFO, now));
    }

    void tick() {
        Instant now = clock.instant();
        summarise(now);
        remindAndEscalate(now);
        storm.tick(now);
    }

    private void summarise(Instant now) {
        for (Iterator<OfflineSite> it = offline.values().iterator(); it.hasNext(); ) {
            OfflineSite s = it.next();
            if (s.backAt == null || now.isBefore(s.backAt.plus(settings.settle()))) {
                continue;
            }
            it.remove();
            Tracked t = tracked.remove(s.offline.id());
            if (t == null) {
                continue; // the offline alert was not sent (muted or routed nowhere): nothing to sum up
            }
            Notification n = Messages.summary(s.offline, Duration.between(s.since, s.backAt), s.held);
            t.channels.forEach(id -> send(id, n, Severity.INFO, now));
        }
    }

    private void remindAndEscalate(Instant now) {
        for (Tracked t : tracked.values()) {
            if (t.acknowledged
                    || maintenance.muting(t.alert.site(), t.alert.id(), now).isPresent()) {
                continue;
            }
            List<String> escalatedNow = new ArrayList<>();
            for (RoutingRule r : t.rules) {
                if (!t.escalated && r.escalateAfter() != null && !now.isBefore(t.firstSent.plus(r.escalateAfter()))) {
                    t.escalated = true;
                    Notification n = Messages.alert(NotificationKind.ESCALATION, t.alert, t.ackUrl);
                    for (String id : r.escalateTo()) {
                        if (!t.channels.contains(id) && send(id, n, t.alert.severity(), now)) {
                            t.channels.add(id);
                            escalatedNow.add(id);
                        }
                    }
                }
            }
            Duration repeat = t.repeatEvery();
            if (repeat != null && !now.isBefore(t.lastSent.plus(repeat))) {
                t.lastSent = now;
                Notification n = Messages.alert(NotificationKind.REMINDER, t.alert, t.ackUrl);
                List<String> to = new ArrayList<>(t.channels);
                to.removeAll(escalatedNow);
                to.forEach(id -> send(id, n, t.alert.severity(), now));
            }
        }
    }

    /** False when the channel is gone or in its quiet hours. */
    private boolean send(String channelId, Notification n, Severity severity, Instant now) {
        Optional<ChannelRef> channel = channels.byId(channelId);
        if (channel.isEmpty()) {
            LOG.log(Level.WARNING, "a routing rule names channel {0}, which no longer exists", channelId);
            return false;
        }
        var quiet = channel.get().quietHours();
        if (quiet != null && quiet.covers(now) && !(severity == Severity.CRITICAL && quiet.criticalOverrides())) {
            return false;
        }
        storm.send(channel.get(), n, now);
        return true;
    }

    private String ackUrl(AlertRecord a) {
        if (settings.publicUrl() == null) {
            return null;
        }
        try {
            AckTokens.Token token = tokens.issue(a.id(), clock.instant(), settings.ackValidity());
            ackStore.issued(token);
            return settings.publicUrl() + "/ack/" + token.text();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot issue an ack link for alert {0}: {1}", a.id(), e.getMessage());
            return null;
        }
    }
}
