package dev.vigil.collector.notify.policy;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.alerts.AlertMarks;
import dev.vigil.collector.alerts.AlertSink;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.notify.ack.AckRoutes;
import dev.vigil.collector.notify.ack.AckStore;
import dev.vigil.collector.notify.ack.AckTokens;
import dev.vigil.collector.notify.maintenance.MaintenanceBook;
import dev.vigil.collector.notify.maintenance.MaintenanceCalendar;
import dev.vigil.collector.notify.routing.RuleBook;
import dev.vigil.collector.notify.routing.SiteCustomers;
import dev.vigil.collector.notify.store.DocumentTable;
import dev.vigil.collector.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The notification policy, built once at start-up: the {@link #sink()} to hand to the alert engine, the {@link
 * #api(AlertEngine)} module (rules, maintenance, snooze, ack links) and the {@link #calendar()} reports read.
 */
public final class NotifyService implements AutoCloseable {
    private final RuleBook rules;
    private final MaintenanceBook maintenance;
    private final AckTokens tokens;
    private final AckStore ackStore;
    private final ChannelSetup channels;
    private final NotifyPolicy policy;
    private final Notifier notifier;
    private final Clock clock;

    private NotifyService(
            Database db,
            Function<String, List<String>> siteTags,
            SiteCustomers customers,
            ChannelSetup channels,
            NotifySettings settings,
            Clock clock) {
        this.clock = clock;
        this.channels = channels;
        this.rules = new RuleBook(new DocumentTable(db, "notify_rules"), clock);
        this.maintenance = new MaintenanceBook(
                new DocumentTable(db, "notify_maintenance"),
                new DocumentTable(db, "notify_maintenance_log"),
                siteTags,
                clock);
        this.ackStore = new AckStore(db);
        rules.load();
        maintenance.load();
        this.tokens = new AckTokens(ackStore.secret());
        this.policy = new NotifyPolicy(
                channels.directory(),
                channels.dispatcher(),
                rules,
                maintenance,
                customers,
                siteTags,
                tokens,
                ackStore,
                settings,
                clock);
        this.notifier = new Notifier(
                policy,
                maintenance,
                ackStore,
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "vigil-notify");
                    t.setDaemon(true);
                    return t;
                }),
                settings,
                clock);
    }

    /**
     * Blocking (reads the rules, windows and the ack secret from the database).
     *
     * @param siteTags a site's tags, empty for an unknown site
     */
    public static NotifyService open(
            Database db,
            Function<String, List<String>> siteTags,
            SiteCustomers customers,
            ChannelSetup channels,
            NotifySettings settings,
            Clock clock) {
        return new NotifyService(db, siteTags, customers, channels, settings, clock);
    }

    public AlertSink sink() {
        return notifier;
    }

    public ApiModule api(AlertEngine alerts) {
        return new NotifyRoutes(
                rules,
                maintenance,
                channels.directory(),
                policy,
                new AckRoutes(tokens, ackStore, alerts, clock),
                id -> alerts.allUnresolved().stream()
                        .filter(a -> a.id().equals(id))
                        .map(a -> a.site())
                        .findFirst(),
                clock);
    }

    /** Why an alert was recorded but not sent, for the alerts API. */
    public AlertMarks marks() {
        return policy::mutedBy;
    }

    public MaintenanceCalendar calendar() {
        return maintenance;
    }

    @Override
    public void close() {
        notifier.close();
    }
}
