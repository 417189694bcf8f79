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
    private final TenancyStore tenancy;

    private Stores(Database db) {
        this.db = db;
        this.events = new JdbcEventStore(db);
        this.metrics = new JdbcMetricStore(db);
        this.snapshots = new JdbcSnapshotStore(db);
        this.directory = new JdbcDirectoryStore(db);
        this.alerts = new JdbcAlertStore(db);
        this.mqttSessions = new JdbcMqttSessionStore(db);
        this.apiSessions = new JdbcApiSessionStore(db);
        this.tenancy = new JdbcTenancyStore(db);
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

    /** The database itself, for the stores' tests and benchmarks. */
    Database db() {
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

    public ApiSessionStore apiSessions() {
        return apiSessions;
    }

    public TenancyStore tenancy() {
        return tenancy;
    }

    @Override
    public void close() {
        db.close();
    }
}
