package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Clean-up when the JVM holding a lab ends badly: SIGTERM (shutdown hook) and SIGKILL (next start sweeps). */
class SiteLabKilledRunTest {
    @Test
    void sigterm_jvmHoldingALab_shutdownHookRemovesIt() throws Exception {
        Process holder = startHolder();
        String prefix = awaitReady(holder);
        assertThat(LabJanitor.namespaces(prefix)).hasSize(6);

        holder.destroy();
        assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(LabJanitor.namespaces(prefix)).isEmpty();
    }

    @Test
    void sigkill_jvmHoldingALab_nextStartSweepsNamespacesAndKeepalived() throws Exception {
        Process holder = startHolder();
        String prefix = awaitReady(holder);
        List<ProcessHandle> keepalived = keepalivedOf(prefix);
        assertThat(keepalived).isNotEmpty();

        holder.destroyForcibly();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(LabJanitor.namespaces(prefix))
                .as("nothing runs after SIGKILL")
                .hasSize(6);

        try (SiteLab next = SiteLab.builder().startRouters(false).wans(1).start()) {
            assertThat(LabJanitor.namespaces(prefix)).isEmpty();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> keepalived.stream().noneMatch(SiteLabKilledRunTest::running));
            assertThat(next.namespace(Host.AGENT)).doesNotStartWith(prefix);
        }
    }

    @Test
    void labDown_leftoverOfKilledRun_removedAndStatusSaysSo() throws Exception {
        Process holder = startHolder();
        String prefix = awaitReady(holder);
        holder.destroyForcibly();
        holder.waitFor(10, TimeUnit.SECONDS);

        StringWriter status = new StringWriter();
        CommandLine cli = new CommandLine(new SiteLabMain()).setOut(new PrintWriter(status, true));
        assertThat(cli.execute("status")).isZero();
        assertThat(status.toString()).contains(prefix).contains("is gone: leftover");

        StringWriter down = new StringWriter();
        cli.setOut(new PrintWriter(down, true));
        assertThat(cli.execute("down", prefix)).isZero();
        assertThat(down.toString()).contains("removing " + prefix + " (owner gone)");
        assertThat(LabJanitor.namespaces(prefix)).isEmpty();
    }

    private static Process startHolder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), LabHolderMain.class.getName())
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the holder's output until it says READY; the rest goes to a drain so the pipe never fills. */
    private static String awaitReady(Process holder) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> drain(out), "holder-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring("READY ".length());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the lab holder exited before it was ready:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (java.io.IOException e) {
            // the holder is gone
        }
    }

    private static List<ProcessHandle> keepalivedOf(String prefix) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("keepalived")
                        && p.info().commandLine().orElse("").contains(LabJanitor.DIR_PREFIX + prefix))
                .toList();
    }

    private static boolean running(ProcessHandle p) {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
