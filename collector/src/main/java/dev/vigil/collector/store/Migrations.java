package dev.vigil.collector.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the versioned SQL scripts {@code /dev/vigil/collector/store/migrations/V{n}.sql} in order, each in its own
 * transaction, recording every applied version in {@code schema_version}. Statements are separated by {@code ;} at
 * the end of a line. A version may add a step in Java (copying data that SQL alone cannot read), run after its
 * script in the same transaction.
 */
public final class Migrations {
    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
    private static final String FOLDER = "/dev/vigil/collector/store/migrations/";

    /** A version's work in Java, after its script. */
    @FunctionalInterface
    private interface Step {
        void run(Connection c, Dialect dialect) throws SQLException;
    }

    private static final Map<Integer, Step> STEPS = Map.of(13, Migrations::copyStateChanges);

    private Migrations() {}

    private static void copyStateChanges(Connection c, Dialect dialect) throws SQLException {
        int copied = StateChangeTable.backfill(c, dialect);
        LOG.log(Level.INFO, "copied the {0} state changes among the stored events for availability reports", copied);
    }

    /** Brings the schema up to date; returns the versions applied now. */
    public static List<Integer> apply(Database db) {
        return apply(db, Integer.MAX_VALUE);
    }

    /** Brings the schema up to version {@code last} at most (tests of a migration start from the one before). */
    static List<Integer> apply(Database db, int last) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_at BIGINT NOT"
                        + " NULL)");
            }
            return null;
        });
        int current = db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        List<Integer> applied = new ArrayList<>();
        for (int version = current + 1; version <= last; version++) {
            String script = load(version);
            if (script == null) {
                break;
            }
            int v = version;
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : script.split(";\\s*\\n")) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                    Step step = STEPS.get(v);
                    if (step != null) {
                        step.run(c, db.dialect());
                    }
                    s.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + v + ", "
                            + System.currentTimeMillis() + ")");
                }
                return null;
            });
            LOG.log(Level.INFO, "database schema migrated to version {0}", v);
            applied.add(v);
        }
        return applied;
    }

    private static String load(int version) {
        try (InputStream in = Migrations.class.getResourceAsStream(FOLDER + "V" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration V" + version + ": " + e.getMessage(), e);
        }
    }
}
