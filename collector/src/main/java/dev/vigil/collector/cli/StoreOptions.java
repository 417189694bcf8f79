package dev.vigil.collector.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives; shared by every command that opens the store. */
public final class StoreOptions {
    @Option(
            names = "--data-dir",
            defaultValue = "${env:VIGIL_DATA_DIR:-data}",
            description = "Directory of the default H2 database (env VIGIL_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            defaultValue = "${env:VIGIL_DB_URL}",
            description = "JDBC URL, jdbc:h2:… or jdbc:postgresql://host/db (env VIGIL_DB_URL; default: H2 file in"
                    + " the data directory).")
    String dbUrl;

    @Option(
            names = "--db-user",
            defaultValue = "${env:VIGIL_DB_USER}",
            description = "Database user (env VIGIL_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password",
            defaultValue = "${env:VIGIL_DB_PASSWORD}",
            description = "Database password (prefer env VIGIL_DB_PASSWORD: options show in the process list).")
    String dbPassword;
}
