package dev.vigil.agent.probe.icmp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.testing.Netns;
import dev.vigil.testkit.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent as an unprivileged user (uid/gid 65534, no capabilities) in a namespace of its own: refused ping
 * sockets give the message that names the sysctl; the shipped snippet's setting makes ICMP work.
 */
class PingPermissionTest {
    private static Netns ns;
    private static Path dir;
    private static String classPath;

    @BeforeAll
    static void setUp() throws IOException {
        Prerequisites.requireCommand("setpriv", "util-linux");
        ns = Netns.create("perm");
        dir = Files.createTempDirectory("vigil-probe-perm-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (Files.isRegularFile(source)) { // jars live under /root/.m2, which nobody cannot read
                Path copy = dir.resolve(entries.size() + "-" + source.getFileName());
                Files.copy(source, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        classPath = String.join(File.pathSeparator, entries);
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "wans: [{name: lo, targets: [127.0.0.1]}]\n", UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        ns.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static String probeAsNobody() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(
                "ip",
                "netns",
                "exec",
                ns.name(),
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                java,
                "-XX:-UsePerfData",
                "-Xmx32m",
                "-cp",
                classPath,
                "dev.vigil.agent.cli.AgentMain",
                "probe",
                "--config",
                dir.resolve("agent.yaml").toString(),
                "--duration",
                "2");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void probe_unprivilegedAndRangeExcludesGroup_saysWhichSysctlToSet() throws Exception {
        ns.exec("sysctl", "-qw", "net.ipv4.ping_group_range=1 0");
        String out = probeAsNobody();
        assertThat(out)
                .contains("! lo 127.0.0.1: ICMP ping sockets are refused: net.ipv4.ping_group_range is '1 0',"
                        + " which does not include this process's group (gid 65534)");
        assertThat(out).contains("CAP_NET_RAW", "/etc/sysctl.d/60-vigil-ping.conf");
        assertThat(out).contains("EVENT wan.down wan/lo");
    }

    @Test
    void probe_unprivilegedWithShippedSysctl_pingSocketsWork() throws Exception {
        String setting = Files.readAllLines(Path.of("src/main/dist/sysctl/60-vigil-ping.conf"), UTF_8).stream()
                .filter(l -> l.startsWith("net.ipv4.ping_group_range"))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\s*=\\s*", "=");
        ns.exec("sysctl", "-qw", setting);
        String out = probeAsNobody();
        assertThat(out).contains("EVENT wan.up wan/lo").doesNotContain("refused");
    }
}
