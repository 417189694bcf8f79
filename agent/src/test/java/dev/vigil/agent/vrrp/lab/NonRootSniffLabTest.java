package dev.vigil.agent.vrrp.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.SiteLab;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sniff} as uid 65534 in the lab agent's namespace: with only the ambient CAP_NET_RAW (what systemd's
 * AmbientCapabilities=CAP_NET_RAW gives) it sees the election; without it, a one-line error with the fix.
 */
class NonRootSniffLabTest {
    @TempDir
    Path dir;

    /** The test class path, readable by nobody: jars from root's Maven repository are copied. */
    private String readableClassPath() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                Path copy = dir.resolve(entries.size() + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private String sniffAsNobody(SiteLab lab, boolean withCapability) throws Exception {
        Path setpriv = Prerequisites.requireCommand("setpriv", "util-linux");
        List<String> argv =
                new ArrayList<>(List.of(setpriv.toString(), "--reuid", "65534", "--regid", "65534", "--clear-groups"));
        if (withCapability) {
            argv.addAll(List.of("--inh-caps", "+net_raw", "--ambient-caps", "+net_raw"));
        }
        argv.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djna.tmpdir=" + dir,
                "-Djava.io.tmpdir=" + dir,
                "-cp",
                readableClassPath(),
                "dev.vigil.agent.cli.AgentMain",
                "sniff",
                "--interface",
                lab.lanInterface(Host.AGENT),
                "--json",
                "--for",
                "3s"));
        Path log = dir.resolve(withCapability ? "with-cap.log" : "without-cap.log");
        Process p = lab.spawn(Host.AGENT, argv, log);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(withCapability ? 0 : 1);
        return out;
    }

    @Test
    void sniff_nobodyWithAmbientCapNetRaw_seesElection() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .advertInterval(Duration.ofMillis(300))
                .start()) {
            assertThat(sniffAsNobody(lab, true)).contains("\"type\":\"vrrp.master_elected\"");
        }
    }

    @Test
    void sniff_nobodyWithoutCapability_oneLineErrorWithFix() throws Exception {
        try (SiteLab lab = SiteLab.builder()
                .vrrpVersion(3)
                .advertInterval(Duration.ofMillis(300))
                .start()) {
            assertThat(sniffAsNobody(lab, false))
                    .contains("vigil-agent: no permission to capture on lan0 (CAP_NET_RAW missing): run as root or "
                            + "with AmbientCapabilities=CAP_NET_RAW");
        }
    }
}
