package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.ack.AckStore;
import dev.vigil.collector.notify.ack.AckTokens;
import dev.vigil.collector.notify.maintenance.MaintenanceBook;
import dev.vigil.collector.notify.routing.RuleBook;
import dev.vigil.collector.notify.routing.SiteCustomers;
import dev.vigil.collector.notify.store.DocumentTable;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.SteppingClock;
import dev.vigil.protocol.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The policy on an in-memory H2 database, a fake clock and recording channels, driven on the test's thread. */
final class PolicyHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z"); // a Monday
    static final String PUBLIC_URL = "https://vigil.example.net";

    final Stores stores = Stores.open("jdbc:h2:mem:notify" + System.nanoTime(), null, null);
    final SteppingClock clock = new SteppingClock(T0);
    final RecordingChannels channels = new RecordingChannels();
    final RuleBook rules = new RuleBook(new DocumentTable(stores.db(), "notify_rules"), clock);
    final MaintenanceBook maintenance;
    final AckStore ackStore = new AckStore(stores.db());
    final NotifyPolicy policy;
    private int ids;

    PolicyHarness(Map<String, List<String>> tags, SiteCustomers customers, NotifySettings settings) {
        maintenance = new MaintenanceBook(
                new DocumentTable(stores.db(), "notify_maintenance"),
                new DocumentTable(stores.db(), "notify_maintenance_log"),
                site -> tags.getOrDefault(site, List.of()),
                clock);
        policy = new NotifyPolicy(
                channels,
                channels,
                rules,
                maintenance,
                customers,
                site -> tags.getOrDefault(site, List.of()),
                new AckTokens(ackStore.secret()),
                ackStore,
                settings,
                clock);
    }

    PolicyHarness() {
        this(Map.of(), SiteCustomers.NONE, NotifySettings.defaults(PUBLIC_URL));
    }

    AlertRecord open(String site, String rule, Severity severity) {
        return open(site, rule, "wan/wan" + (ids + 1), severity);
    }

    AlertRecord open(String site, String rule, String subject, Severity severity) {
        String id = "01HZ" + String.format(java.util.Locale.ROOT, "%022d", ++ids);
        AlertRecord a = new AlertRecord(
                id,
                site,
                rule,
                subject,
                severity,
                AlertRecord.OPEN,
                site + ": " + rule + " " + ids,
                "body",
                PUBLIC_URL + "/#/sites/" + site,
                clock.instant(),
                clock.instant(),
                null);
        policy.onChange(a);
        return a;
    }

    AlertRecord resolve(AlertRecord a) {
        AlertRecord r = a.with(AlertRecord.RESOLVED, a.body(), clock.instant(), a.acknowledgedBy());
        policy.onChange(r);
        return r;
    }

    AlertRecord acknowledge(AlertRecord a) {
        AlertRecord r = a.with(AlertRecord.ACKNOWLEDGED, a.body(), clock.instant(), "ops");
        policy.onChange(r);
        return r;
    }

    @Override
    public void close() {
        stores.close();
    }
}
