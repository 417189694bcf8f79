package dev.vigil.collector.store;

import java.lang.System.Logger.Level;

/** Opens the database, brings the schema up to date and hands out the stores. */
public final class Stores implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Stores.class.getName());
    private static final int POOL_SIZE = 8;

    private final Database db;
    private final EventStore events;
    private final MetricStore metrics;
    private final SnapshotStore snapshots;
    private final DirectoryStore directory;
    private final AlertStore alerts;
    private final MqttSessionStore mqttSessions;
    private final ApiSessionStore apiSessions;
    private final StateChangeStore stateChanges;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;
    private final TenancyStore tenancy;
    private final SsoPendingStore ssoPending;

    private Stores(Database db) {
        this.db = db;
        this.events = new JdbcEventStore(db);
        this.metrics = new JdbcMetricStore(db);
        this.snapshots = new JdbcSnapshotStore(db);
        this.directory = new JdbcDirectoryStore(db);
        this.alerts = new JdbcAlertStore(db);
        this.mqttSessions = new JdbcMqttSessionStore(db);
        this.apiSessions = new JdbcApiSessionStore(db);
        this.stateChanges = new JdbcStateChangeStore(db);
        this.channels = new JdbcChannelStore(db);
        this.deliveries = new JdbcDeliveryStore(db);
        this.tenancy = new JdbcTenancyStore(db);
        this.ssoPending = new JdbcSsoPendingStore(db);
    }

    /** Blocking: connects and migrates. */
    public static Stores open(String url, String user, String password) {
        Database db = new Database(url, user, password, POOL_SIZE);
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        LOG.log(Level.INFO, "store ready: {0}", Database.redact(url));
        return new Stores(db);
    }

    /** The database itself, for the stores' tests and benchmarks and for packages with their own tables. */
    public Database db() {
        return db;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    public EventStore events() {
        return events;
    }

    public MetricStore metrics() {
        return metrics;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    public DirectoryStore directory() {
        return directory;
    }

    public AlertStore alerts() {
        return alerts;
    }

    public MqttSessionStore mqttSessions() {
        return mqttSessions;
    }

    /** The feed and cursors several collectors share (PostgreSQL only). */
    public ClusterStore cluster() {
        return new ClusterStore(db);
    }

    /** This collector's membership and partition locks, on a connection of their own (PostgreSQL only). */
    public PartitionLocks partitionLocks() {
        return new PartitionLocks(db);
    }

    public ApiSessionStore apiSessions() {
        return apiSessions;
    }

    public StateChangeStore stateChanges() {
        return stateChanges;
    }

    public ChannelStore channels() {
        return channels;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public TenancyStore tenancy() {
        return tenancy;
    }

    /** Single sign-ins under way, shared by the collectors on this database. */
    public SsoPendingStore ssoPending() {
        return ssoPending;
    }

    @Override
    public void close() {
        db.close();
    }
}
