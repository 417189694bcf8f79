package dev.vigil.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.store.AuditQuery;
import dev.vigil.collector.store.AuditRecord;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command line changes is in the audit log by {@code cli}, without the passwords it printed. */
class CliAuditTest {
    @TempDir
    Path dir;

    @Test
    void customersSitesUsersPasswd_eachOneLineByCli_noPassword() {
        String d = dir.toString();
        assertThat(run("customers", "add", "Alpha", "--data-dir", d)).isZero();
        assertThat(run("sites", "add", "a-one", "--customer", "Alpha", "--data-dir", d))
                .isZero();
        assertThat(run("users", "add", "alice", "--customer", "Alpha", "--data-dir", d))
                .isZero();
        assertThat(run("users", "passwd", "alice", "--data-dir", d)).isZero();
        assertThat(run("users", "add", "alice", "--data-dir", d)).isEqualTo(1);

        try (Stores stores = Stores.open(CollectorConfig.defaults(dir).effectiveDbUrl(), null, null)) {
            List<AuditRecord> lines = new JdbcAuditStore(stores.db())
                    .find(new AuditQuery(null, null, null, null, null, null, 100, null, false));
            assertThat(lines)
                    .extracting(r -> r.kind() + " " + r.actor() + " " + r.site() + " " + r.customer())
                    .containsExactly(
                            "password.reset cli null Alpha",
                            "user.created cli null Alpha",
                            "site.created cli a-one Alpha",
                            "customer.created cli null Alpha");
            java.util.regex.Matcher secret =
                    java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,}").matcher(printed);
            int secrets = 0;
            while (secret.find()) {
                secrets++;
                assertThat(lines.toString()).doesNotContain(secret.group());
            }
            assertThat(secrets)
                    .as("the site's and the user's passwords were printed")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    private final StringBuilder printed = new StringBuilder();

    private int run(String... args) {
        CommandLine cli = CollectorMain.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute(args);
        printed.append(out).append('\n');
        return exit;
    }
}
