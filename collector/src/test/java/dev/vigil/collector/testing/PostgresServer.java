package dev.vigil.collector.testing;

import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away Debian PostgreSQL on a free loopback port: {@code initdb} into a temporary directory (as user
 * {@code postgres} when the JVM is root, since PostgreSQL refuses to run as root), started with {@code pg_ctl},
 * stopped and deleted on {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Path bin;
    private final int port;

    public PostgresServer() {
        Prerequisites.requireCommand("pg_ctlcluster", "postgresql");
        this.bin = findBin();
        this.port = FreePorts.next();
        try {
            this.dir = Files.createTempDirectory("vigil-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Prerequisites.isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        run(asPostgres(
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("pgdata").toString(),
                "-A",
                "trust",
                "-U",
                "vigil",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync"));
        run(asPostgres(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("pgdata").toString(),
                "-w",
                "-t",
                "60",
                "-l",
                dir.resolve("postgres.log").toString(),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off",
                "start"));
    }

    /** The server's data directory ({@code postmaster.pid} names its process). */
    public Path dataDirectory() {
        return dir.resolve("pgdata");
    }

    /** Creates a fresh database and returns its JDBC URL (user {@code vigil}, no password). */
    public String newDatabase() {
        String name = "vigil_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "vigil", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            run(asPostgres(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    dir.resolve("pgdata").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop"));
        } catch (RuntimeException e) {
            // already stopped; still delete the directory
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // only clutter
        }
    }

    private static Path findBin() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions != null) {
            for (File v : versions) {
                if (new File(v, "bin/initdb").canExecute()) {
                    return v.toPath().resolve("bin");
                }
            }
        }
        throw new IllegalStateException("postgresql is installed but no /usr/lib/postgresql/*/bin/initdb was found");
    }

    private static List<String> asPostgres(String... argv) {
        List<String> out = new ArrayList<>();
        if (Prerequisites.isRoot()) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(argv));
        return out;
    }

    private static void run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
