package dev.vigil.collector.store;

/** The SQL differences between the two supported databases. */
public enum Dialect {
    H2,
    POSTGRES;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:h2:… or jdbc:postgresql:…)");
    }

    /** INSERT that silently skips a row whose primary key exists; update count 0 for a duplicate. */
    String insertIgnore(String table, String key, String... columns) {
        String cols = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
        if (this == POSTGRES) {
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + key
                    + ") DO NOTHING";
        }
        StringBuilder vals = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            vals.append(i == 0 ? "" : ", ").append("s.").append(columns[i]);
        }
        return "MERGE INTO " + table + " t USING (VALUES (" + marks + ")) s(" + cols + ") ON t." + key + " = s." + key
                + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + vals + ")";
    }

    /**
     * INSERT of rows stored once: a plain INSERT on H2 (one collector owns the file; much cheaper than its MERGE, and
     * a known key fails only its own row of a batch), {@link #insertIgnore} on PostgreSQL, which aborts the whole
     * transaction on an error and which several collectors may write at once.
     */
    String insertOnce(String table, String key, String... columns) {
        if (this == POSTGRES) {
            return insertIgnore(table, key, columns);
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.length, "?")) + ")";
    }

    /** INSERT or UPDATE by primary key. */
    String upsert(String table, String keys, String[] columns) {
        String cols = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
        if (this == POSTGRES) {
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                set.append(set.length() == 0 ? "" : ", ")
                        .append(c)
                        .append(" = EXCLUDED.")
                        .append(c);
            }
            return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + keys
                    + ") DO UPDATE SET " + set;
        }
        return "MERGE INTO " + table + " (" + cols + ") KEY (" + keys + ") VALUES (" + marks + ")";
    }
}
