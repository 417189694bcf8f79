package dev.vigil.collector.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the versioned SQL scripts {@code /dev/vigil/collector/store/migrations/V{n}.sql} (or {@code
 * V{n}__{name}.sql}) in order, each in its own transaction, recording every applied version in {@code
 * schema_version}. Statements are separated by {@code ;} at the end of a line.
 */
public final class Migrations {
    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
    private static final String FOLDER = "/dev/vigil/collector/store/migrations/";

    private Migrations() {}

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
        String name = "V" + version + ".sql";
        if (Migrations.class.getResource(FOLDER + name) == null) {
            name = named(version);
        }
        try (InputStream in = name == null ? null : Migrations.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration V" + version + ": " + e.getMessage(), e);
        }
    }

    /** The script {@code V{n}__{name}.sql} of a version, null when there is none. */
    private static String named(int version) {
        String prefix = "V" + version + "__";
        try {
            // found through V1.sql: a shaded jar need not have an entry for the folder itself
            java.net.URL first = Migrations.class.getResource(FOLDER + "V1.sql");
            if (first == null) {
                return null;
            }
            java.util.stream.Stream<String> names;
            if ("jar".equals(first.getProtocol())) {
                var jar = ((java.net.JarURLConnection) first.openConnection()).getJarFile();
                names = jar.stream()
                        .map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith(FOLDER.substring(1)))
                        .map(n -> n.substring(FOLDER.length() - 1));
            } else {
                names = java.nio.file.Files.list(
                                java.nio.file.Path.of(first.toURI()).getParent())
                        .map(p -> p.getFileName().toString());
            }
            try (names) {
                return names.filter(n -> n.startsWith(prefix) && n.endsWith(".sql"))
                        .sorted()
                        .findFirst()
                        .orElse(null);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new StoreException("cannot list the migrations: " + e.getMessage(), e);
        }
    }
}
