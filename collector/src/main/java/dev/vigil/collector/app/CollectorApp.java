package dev.vigil.collector.app;

import dev.vigil.collector.alerts.AlertEngine;
import dev.vigil.collector.alerts.AlertPublisher;
import dev.vigil.collector.alerts.AlertRules;
import dev.vigil.collector.alerts.AlertSink;
import dev.vigil.collector.alerts.AlertViews;
import dev.vigil.collector.alerts.WebhookNotifier;
import dev.vigil.collector.audit.AgentAudit;
import dev.vigil.collector.audit.AuditRoutes;
import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.audit.AuditWriter;
import dev.vigil.collector.audit.EntryCustomers;
import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.cluster.ClusterReactor;
import dev.vigil.collector.cluster.ClusterReactors;
import dev.vigil.collector.cluster.ClusterRoutes;
import dev.vigil.collector.command.CommandKey;
import dev.vigil.collector.command.CommandService;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.configs.ConfigHistory;
import dev.vigil.collector.homeassistant.HomeAssistantDiscovery;
import dev.vigil.collector.homeassistant.StatusListener;
import dev.vigil.collector.http.ApiDeps;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.http.HttpApi;
import dev.vigil.collector.http.HttpsListener;
import dev.vigil.collector.http.SiteFeed;
import dev.vigil.collector.ingest.ExternalBrokerIngest;
import dev.vigil.collector.ingest.IngestPipeline;
import dev.vigil.collector.ingest.MqttOutbound;
import dev.vigil.collector.ingest.SiteReactions;
import dev.vigil.collector.ingest.StoredEventListener;
import dev.vigil.collector.ingest.broker.Acl;
import dev.vigil.collector.ingest.broker.BrokerMessage;
import dev.vigil.collector.ingest.broker.EmbeddedBroker;
import dev.vigil.collector.ingest.broker.EndpointSettings;
import dev.vigil.collector.ingest.broker.SessionJournal;
import dev.vigil.collector.ingest.broker.TlsListener;
import dev.vigil.collector.notify.channel.Channels;
import dev.vigil.collector.notify.policy.ChannelSetup;
import dev.vigil.collector.notify.policy.NotifyService;
import dev.vigil.collector.notify.policy.NotifySettings;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.state.SiteView;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.collector.store.Dialect;
import dev.vigil.collector.store.EventWriter;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.tenancy.GuardedConnectGate;
import dev.vigil.collector.tenancy.ScopedUserSites;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.collector.tenancy.web.TenancyRoutes;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Wires and starts the whole collector; {@link #close()} stops it and flushes what is queued. */
public final class CollectorApp implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CollectorApp.class.getName());
    private static final long START_TIMEOUT_S = 60;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Vertx vertx;
    private Stores stores;
    private EventWriter writer;
    private AlertEngine alerts;
    private SiteProjection projection;
    private Counters counters;
    private Directory directory;
    private Tenancy tenancy;
    private EmbeddedBroker broker;
    private HttpApi http;
    private ClusterReactor reactor;
    private Channels channels;
    private String bootstrapPassword;

    private CollectorApp() {}

    /** Starts everything or throws {@link StartupException} (and leaves nothing running). Blocking. */
    public static CollectorApp start(CollectorConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /** As {@link #start(CollectorConfig, Clock)} with other notification channels (tests); null for the configured. */
    public static CollectorApp start(CollectorConfig config, Clock clock, ChannelSetup channelSetup) {
        config.validate();
        CollectorApp app = new CollectorApp();
        try {
            app.boot(config, clock, channelSetup);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e instanceof StartupException se ? se : new StartupException(e.getMessage(), e);
        }
    }

    private void boot(CollectorConfig config, Clock clock, ChannelSetup channelSetup) {
        Topics topics = new Topics(config.topicPrefix());
        if (config.dbUrl() == null || config.dbUrl().isBlank()) {
            createDirectory(config.dataDir());
        }
        stores = Stores.open(config.effectiveDbUrl(), config.dbUser(), config.dbPassword());
        resources.add(stores);
        directory = new Directory(stores.directory(), clock);
        bootstrapAdmin(config);
        counters = new Counters();
        AuditWriter audit = new AuditWriter(
                new JdbcAuditStore(stores.db()), entryCustomers(), counters, clock, named("vigil-audit"));
        resources.add(audit);
        channels = Channels.start(stores, counters, clock, config.publicUrl());
        resources.add(channels);
        tenancy = Tenancy.open(
                stores,
                directory,
                counters,
                clock,
                config.totpRequiredRoles().stream()
                        .map(r -> Role.parse(r).orElseThrow())
                        .collect(java.util.stream.Collectors.toSet()),
                audit);
        vertx = Vertx.vertx();
        if (stores.dialect() == Dialect.POSTGRES) {
            tenancy.sync().schedule(vertx);
        }
        LiveUpdates live = new LiveUpdates();
        SiteFeed feed = new SiteFeed(live);
        projection = new SiteProjection(feed::changed);
        WireCodec codec = new WireCodec();
        MqttOutbound outlet = new MqttOutbound(vertx);
        AlertSink mqtt = new AlertPublisher(topics, codec, outlet, live);
        AlertSink sink = config.webhookUrl() == null ? mqtt : both(mqtt, new WebhookNotifier(config.webhookUrl()));
        NotifyService notify = NotifyService.open(
                stores.db(),
                site -> projection.get(site).map(SiteView::tags).orElse(List.of()),
                tenancy.owners()::customerOf,
                channelSetup != null ? channelSetup : new ChannelSetup(channels.directory(), channels.dispatcher()),
                NotifySettings.defaults(config.publicUrl()),
                clock);
        resources.add(notify);
        sink = both(sink, notify.sink());
        alerts = new AlertEngine(
                stores.alerts(),
                projection,
                sink,
                clock,
                config.publicUrl(),
                Executors.newSingleThreadExecutor(named("vigil-alerts")));
        resources.add(alerts);
        new StateRestorer(stores, projection, alerts).restore();
        writer = new EventWriter(stores.events(), named("vigil-event-writer"));
        resources.add(writer);
        boolean cluster = !config.embeddedBroker() && stores.dialect() == Dialect.POSTGRES;
        List<StoredEventListener> afterCommit = new ArrayList<>();
        ConfigHistory configs =
                ConfigHistory.start(stores.db(), stores.events(), counters, clock, config.configRetention());
        resources.add(configs);
        afterCommit.add(configs.listener());
        CommandService commands = commandService(config, topics, codec, outlet, live, audit, clock);
        afterCommit.add(commands.listener());
        afterCommit.add(new AgentAudit(audit));
        IngestPipeline ingest = new IngestPipeline(
                vertx,
                topics,
                codec,
                stores,
                writer,
                projection,
                alerts,
                live,
                counters,
                clock,
                !cluster,
                StoredEventListener.all(afterCommit));
        if (cluster) {
            reactor = ClusterReactors.start(stores, new SiteReactions(projection, live), alerts, codec, clock);
            resources.add(reactor);
        }
        HomeAssistantDiscovery homeAssistant = config.homeAssistantDiscovery() == null
                ? null
                : new HomeAssistantDiscovery(
                        projection, config.homeAssistantDiscovery(), topics.prefix(), outlet::publish);
        if (config.embeddedBroker()) {
            TlsListener tls = config.mqttTls() == null
                    ? null
                    : new TlsListener(
                            config.mqttTls().port(),
                            config.mqttTls().certFile(),
                            config.mqttTls().keyFile());
            SessionJournal journal = new SessionJournal(stores.mqttSessions(), counters, named("vigil-mqtt-sessions"));
            resources.add(journal);
            broker = new EmbeddedBroker(
                    new EndpointSettings(
                            config.mqttHost(),
                            config.mqttPort(),
                            tls,
                            config.mqttConnectDeadline(),
                            config.mqttSessionExpiry()),
                    new GuardedConnectGate(directory, tenancy),
                    homeAssistant == null
                            ? new Acl(topics, new ScopedUserSites(tenancy.scopes(), tenancy.owners()))
                            : new Acl(topics, new ScopedUserSites(tenancy.scopes(), tenancy.owners()))
                                    .withHomeAssistant(config.homeAssistantDiscovery()),
                    ingest,
                    counters,
                    journal,
                    clock);
            restoreSessions(clock);
            restoreRetained(topics, codec);
            if (homeAssistant != null) {
                broker.consume(homeAssistant.statusTopic(), homeAssistant::onHomeAssistantStatus);
            }
            await(
                    vertx.deployVerticle(broker),
                    "MQTT endpoint on port " + config.mqttPort() + (tls == null ? "" : " / TLS port " + tls.port()));
        } else {
            String clientId = config.brokerClientId() != null
                    ? config.brokerClientId()
                    : "vigil-collector-" + PasswordHasher.newSecret().substring(0, 8);
            ExternalBrokerIngest external = new ExternalBrokerIngest(
                    config.brokerUrl(),
                    config.brokerUser(),
                    config.brokerPassword(),
                    clientId,
                    topics,
                    ingest,
                    cluster);
            await(vertx.deployVerticle(external), "broker " + config.brokerUrl());
            if (homeAssistant != null) {
                await(
                        vertx.deployVerticle(new StatusListener(
                                config.brokerUrl(),
                                config.brokerUser(),
                                config.brokerPassword(),
                                clientId + "-ha",
                                homeAssistant.statusTopic(),
                                homeAssistant::onHomeAssistantStatus)),
                        "Home Assistant status listener on " + config.brokerUrl());
            }
        }
        List<ApiModule> apiModules = new ArrayList<>();
        apiModules.add(new ClusterRoutes(config.brokerClientId(), reactor));
        apiModules.add(new dev.vigil.collector.metrics.MetricsEndpoint(projection, counters, live));
        apiModules.add(new dev.vigil.collector.reports.ReportRoutes(
                new dev.vigil.collector.reports.AvailabilityReports(
                        vertx,
                        stores.stateChanges(),
                        stores.directory(),
                        projection,
                        new PlannedMaintenance(notify.calendar())),
                new TenancyCustomerSites(tenancy),
                clock));
        apiModules.add(channels.api());
        apiModules.add(notify.api(alerts));
        apiModules.add(new TenancyRoutes(vertx, tenancy, projection, clock));
        apiModules.add(configs.api(vertx, site -> projection.get(site).isPresent()));
        apiModules.add(commands.api(vertx, site -> projection.get(site).isPresent() || directory.isSite(site)));
        commands.schedule(vertx);
        apiModules.add(new AuditRoutes(vertx, new JdbcAuditStore(stores.db())));
        if (config.sso() != null) {
            apiModules.add(new dev.vigil.collector.tenancy.web.SsoRoutes(
                    vertx,
                    new dev.vigil.collector.tenancy.sso.SingleSignOn(
                                    config.sso(),
                                    config.publicUrl(),
                                    stores.tenancy(),
                                    stores.ssoPending(),
                                    tenancy,
                                    clock)
                            .load(),
                    tenancy));
        }
        http = new HttpApi(
                config.httpHost(),
                config.httpPort(),
                config.httpTls() == null
                        ? null
                        : new HttpsListener(
                                config.httpTls().port(),
                                config.httpTls().certFile(),
                                config.httpTls().keyFile()),
                new ApiDeps(
                        directory,
                        stores,
                        projection,
                        alerts,
                        live,
                        counters,
                        clock,
                        apiModules,
                        tenancy,
                        notify.marks(),
                        audit));
        await(vertx.deployVerticle(http), "HTTP on port " + config.httpPort());
        vertx.setPeriodic(SiteFeed.FLUSH_MS, t -> feed.flush(projection));
        long silenceCheckMs =
                Math.max(100, Math.min(5_000, config.silenceTimeout().toMillis() / 4));
        vertx.setPeriodic(silenceCheckMs, t -> {
            projection.markSilent(clock.instant(), config.silenceTimeout()).stream()
                    .filter(site -> reactor == null || reactor.owns(site))
                    .forEach(site -> alerts.apply(site, AlertRules.forSilence(site, config.silenceTimeout())));
            alerts.tick(site -> reactor == null || reactor.owns(site));
        });
        new Retention(vertx, stores, clock, config.retention(), configs).schedule();
        if (homeAssistant != null) {
            homeAssistant.sync();
            vertx.setPeriodic(HomeAssistantDiscovery.SYNC_MS, t -> homeAssistant.sync());
        }
    }

    private CommandService commandService(
            CollectorConfig config,
            Topics topics,
            WireCodec codec,
            AlertPublisher.Outlet outlet,
            LiveUpdates live,
            AuditTrail audit,
            Clock clock) {
        CommandKey key;
        try {
            key = CommandKey.loadOrCreate(config.effectiveCommandKeyFile());
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
        CommandService service = new CommandService(stores, key, topics, codec, outlet, live, audit, clock);
        resources.add(service);
        return service;
    }

    /** Whose users may see an audit entry; asks the tenancy once it is open (it records through the audit trail). */
    private EntryCustomers entryCustomers() {
        return new EntryCustomers(
                site -> tenancy == null
                        ? java.util.Optional.empty()
                        : tenancy.owners().customerOf(site),
                user -> tenancy == null ? null : tenancy.scopes().customerOf(user));
    }

    private void bootstrapAdmin(CollectorConfig config) {
        if (directory.hasUsers()) {
            return;
        }
        String password = config.adminPassword() != null ? config.adminPassword() : PasswordHasher.newSecret();
        directory.addUser("admin", Role.ADMIN, password);
        bootstrapPassword = config.adminPassword() != null ? null : password;
        LOG.log(Level.INFO, "created the first user 'admin' (role admin)");
    }

    private void restoreSessions(Clock clock) {
        int purged = stores.mqttSessions().purgeExpired(clock.instant());
        var stored = stores.mqttSessions().all();
        stored.forEach(broker::restoreSession);
        LOG.log(
                Level.INFO,
                "restored {0} persistent MQTT sessions with {1} queued messages ({2} expired ones deleted)",
                stored.size(),
                stored.stream().mapToInt(x -> x.queued().size()).sum(),
                purged);
    }

    private void restoreRetained(Topics topics, WireCodec codec) {
        for (var s : stores.snapshots().all()) {
            if (!s.payload().isEmpty()) {
                broker.restoreRetained(new BrokerMessage(
                        topics.site(s.site(), kindOf(s.kind())),
                        s.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        1,
                        true));
            }
        }
        alerts.allUnresolved().stream()
                .map(AlertRecord::site)
                .distinct()
                .forEach(site -> alerts.unresolved(site).stream()
                        .max(java.util.Comparator.comparing(AlertRecord::severity))
                        .ifPresent(a -> broker.restoreRetained(
                                new BrokerMessage(topics.alerts(site), codec.encode(AlertViews.wire(a)), 1, true))));
    }

    private static dev.vigil.protocol.TopicKind kindOf(String level) {
        return "state".equals(level) ? dev.vigil.protocol.TopicKind.STATE : dev.vigil.protocol.TopicKind.STATUS;
    }

    private void await(Future<?> future, String what) {
        try {
            future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof BindException
                            || String.valueOf(cause.getMessage()).contains("in use")
                    ? "the port is already in use (choose another one or stop the other program)"
                    : cause.getMessage();
            throw new StartupException("cannot start " + what + ": " + reason, cause);
        } catch (TimeoutException e) {
            throw new StartupException("cannot start " + what + ": no answer within " + START_TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting " + what, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new StartupException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        // Checked here, not by H2: H2 reports it as a stack trace and "IO Exception" without saying why.
        if (!Files.isWritable(dir)) {
            throw new StartupException(
                    "the data directory " + dir + " is not writable by user " + System.getProperty("user.name")
                            + ": give it to that user (in the container image: uid 10001) or mount a writable volume",
                    null);
        }
    }

    private static AlertSink both(AlertSink a, AlertSink b) {
        return (changed, retained) -> {
            a.changed(changed, retained);
            b.changed(changed, retained);
        };
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The generated password of the first admin, when this start created it; null otherwise. */
    public String bootstrapPassword() {
        return bootstrapPassword;
    }

    public int mqttPort() {
        return broker == null ? -1 : broker.actualPort();
    }

    /** The embedded endpoint, null with an external broker. */
    public EmbeddedBroker embeddedBroker() {
        return broker;
    }

    /** The MQTT over TLS port, -1 when not configured or with an external broker. */
    public int mqttTlsPort() {
        return broker == null ? -1 : broker.actualTlsPort();
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The HTTPS port, -1 when not configured. */
    public int httpsPort() {
        return http.actualHttpsPort();
    }

    public Directory directory() {
        return directory;
    }

    public Stores stores() {
        return stores;
    }

    public SiteProjection projection() {
        return projection;
    }

    public AlertEngine alerts() {
        return alerts;
    }

    /** The cluster membership of this collector, null unless it shares PostgreSQL and a broker with others. */
    public ClusterReactor cluster() {
        return reactor;
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    public Counters counters() {
        return counters;
    }

    /** The notification channels: their directory and dispatcher for the routing policy. */
    public Channels channels() {
        return channels;
    }

    @Override
    public void close() {
        if (vertx != null) {
            // stop taking messages first, then flush what is queued while Vert.x can still deliver it
            for (String id : java.util.Set.copyOf(vertx.deploymentIDs())) {
                if (!vertx.deploymentIDs().contains(id)) {
                    continue; // a child deployment (the MQTT listeners), already gone with its parent
                }
                try {
                    vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "stopping {0}: {1}", id, e.toString());
                }
            }
            if (writer != null) {
                writer.close();
            }
            if (alerts != null) {
                alerts.close();
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Vert.x did not stop cleanly: {0}", e.toString());
            }
        }
        java.util.Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing {0}: {1}", r.getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
