package dev.vigil.collector.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a commit must mean before the collector acknowledges anything: the data outlives the collector process.
 *
 * <p>H2 by default writes committed transactions to its file in the background, up to {@code WRITE_DELAY} (500 ms)
 * later: a collector killed with SIGKILL lost a third of the events it had acknowledged. With {@code WRITE_DELAY=0}
 * every commit is written to the file before it returns (into the operating system's cache; H2 does not fsync, so a
 * crash of the machine can still lose the last commits). PostgreSQL flushes its WAL before a commit returns unless
 * {@code synchronous_commit} is off; it is turned back on for every connection whatever the server or the URL says.
 */
public final class CommitDurability {
    private static final System.Logger LOG = System.getLogger(CommitDurability.class.getName());
    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=\\s*([^;]*)");

    private static final AtomicBoolean FSYNC_OFF_WARNED = new AtomicBoolean();
    private static final AtomicBoolean SYNC_OFF_LOGGED = new AtomicBoolean();

    private CommitDurability() {}

    /** Why this JDBC URL cannot give durable acknowledgements, if it cannot. */
    static Optional<String> problem(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        Matcher m = H2_WRITE_DELAY.matcher(url);
        while (m.find()) {
            if (!"0".equals(m.group(1).strip())) {
                return Optional.of("the H2 URL sets WRITE_DELAY=" + m.group(1).strip() + ", which would acknowledge"
                        + " events that a killed collector loses; remove it (the collector sets WRITE_DELAY=0)");
            }
        }
        return Optional.empty();
    }

    /** The URL to open: an H2 URL gets {@code WRITE_DELAY=0} unless it has it; a URL with a problem is refused. */
    static String url(String url) {
        problem(url).ifPresent(p -> {
            throw new StoreException(p, null);
        });
        if (url.startsWith("jdbc:h2:") && !H2_WRITE_DELAY.matcher(url).find()) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /** Makes one freshly opened connection commit durably. */
    static void prepare(Connection c, Dialect dialect) throws SQLException {
        if (dialect != Dialect.POSTGRES) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if ("off".equalsIgnoreCase(show(s, "synchronous_commit"))) {
                s.execute("SET synchronous_commit TO on");
                if (!SYNC_OFF_LOGGED.getAndSet(true)) {
                    LOG.log(
                            Level.INFO,
                            "synchronous_commit is off on the server or in the URL; the collector's connections set"
                                    + " it to on");
                }
            }
            if ("off".equalsIgnoreCase(show(s, "fsync")) && !FSYNC_OFF_WARNED.getAndSet(true)) {
                LOG.log(
                        Level.WARNING,
                        "PostgreSQL runs with fsync=off: acknowledged events survive a killed collector but not a"
                                + " crash of the database machine");
            }
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
