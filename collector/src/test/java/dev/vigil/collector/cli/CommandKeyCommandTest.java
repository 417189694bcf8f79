package dev.vigil.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.CommandKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil-collector command-key} and the collector's {@code --command-key-file}. */
class CommandKeyCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CollectorMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void commandKey_createsThePairOnce_printsOnlyThePublicKey() throws Exception {
        Run first = run("command-key", "--data-dir", dir.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        String publicText = first.out().trim();
        assertThat(publicText).startsWith("MCowBQYDK2VwAyEA").hasSize(60);
        CommandKeys.parsePublicKey(publicText);
        assertThat(first.err()).contains("created").contains("command-key.pem");
        Path file = dir.resolve("command-key.pem");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(dir.resolve("command-key.pub")).trim()).isEqualTo(publicText);
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");

        Run again = run("command-key", "--data-dir", dir.toString());
        assertThat(again.out().trim()).isEqualTo(publicText);
        assertThat(again.err()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(pem);
    }

    @Test
    void collector_signsWithTheConfiguredKeyFile() {
        Path shared = dir.resolve("shared").resolve("signing.pem");
        Run made = run("command-key", "--command-key-file", shared.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(Files.exists(dir.resolve("shared").resolve("signing.pub"))).isTrue();
        try (RunningCollector collector = new RunningCollector(c -> c.withCommandKeyFile(shared))) {
            assertThat(collector
                            .admin()
                            .get("/api/command-key")
                            .json()
                            .get("public_key")
                            .asText())
                    .isEqualTo(made.out().trim());
            assertThat(Files.exists(collector.dataDir().resolve("command-key.pem")))
                    .isFalse();
        }
    }

    @Test
    void brokenKeyFile_isExplained_withoutItsContent() throws Exception {
        Files.writeString(dir.resolve("command-key.pem"), "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n");
        Files.writeString(dir.resolve("command-key.pub"), "MCowBQYDK2VwAyEA\n");
        Run r = run("command-key", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("command-key.pem").contains("not an Ed25519 private key");
        assertThat(r.err()).doesNotContain("c2VjcmV0");
    }

    @Test
    void privateKeyWithoutItsPublicKey_isExplained() throws Exception {
        Path other = dir.resolve("other");
        assertThat(run("command-key", "--data-dir", other.toString()).exit()).isZero();
        Files.delete(other.resolve("command-key.pub"));
        Run r = run("command-key", "--data-dir", other.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("command-key.pub").contains("openssl pkey");
    }
}
