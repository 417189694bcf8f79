package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.BuiltDeb;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the built .deb with the real dpkg-deb: control fields, paths, modes, owners, conffiles. */
class DebContentsIT {
    private static Path deb;
    private static Map<String, String> entries;

    @BeforeAll
    static void readPackage() {
        Prerequisites.requireCommand("dpkg-deb", "dpkg");
        deb = BuiltDeb.path();
        entries = new LinkedHashMap<>();
        String listing = Commands.run("dpkg-deb", "--contents", deb.toString())
                .requireSuccess()
                .output();
        // drwxr-x--- root/vigil 0 2026-01-01 00:00 ./etc/vigil/
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            String path = f[5].substring(1).replaceAll("/$", "");
            entries.put(path.isEmpty() ? "/" : path, f[0] + " " + f[1]);
        }
    }

    private static String field(String name) {
        return Commands.run("dpkg-deb", "--field", deb.toString(), name)
                .requireSuccess()
                .output()
                .strip();
    }

    @Test
    void control_builtPackage_isArchitectureIndependentWithRuntimeDepends() {
        assertThat(field("Package")).isEqualTo("vigil-agent");
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(field("Version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(field("Depends"))
                .contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless")
                .contains("libpcap0.8")
                .contains("passwd");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "/usr/share/vigil/vigil-agent.jar, -rw-r--r-- root/root",
        "/usr/bin/vigil-agent, -rwxr-xr-x root/root",
        "/usr/lib/systemd/system/vigil-agent.service, -rw-r--r-- root/root",
        "/etc/vigil, drwxr-x--- root/vigil",
        "/etc/vigil/agent.yaml, -rw-r----- root/vigil",
        "/etc/default/vigil-agent, -rw-r--r-- root/root",
        "/etc, drwxr-xr-x root/root",
        "/usr/share/doc/vigil-agent/deployment.md, -rw-r--r-- root/root",
        "/usr/share/doc/vigil-agent/router-setup.md, -rw-r--r-- root/root"
    })
    void contents_shippedFile_hasModeAndOwner(String path, String modeAndOwner) {
        assertThat(entries).containsEntry(path, modeAndOwner);
    }

    @Test
    void contents_builtPackage_shipsNoSysctlFileWithAGuessedGid() {
        // The gid of "vigil" is only known on the target: postinst writes /etc/sysctl.d/60-vigil-ping.conf.
        assertThat(entries.keySet()).noneMatch(p -> p.contains("sysctl"));
    }

    @Test
    void conffiles_builtPackage_listExactlyTheConfigAndTheServiceEnvironment() throws IOException {
        Path dir = BuiltDeb.path().resolveSibling("control-" + System.nanoTime());
        try {
            Commands.run("dpkg-deb", "--control", deb.toString(), dir.toString())
                    .requireSuccess();
            String conffiles = Files.readString(dir.resolve("conffiles"), StandardCharsets.UTF_8);
            assertThat(conffiles.lines())
                    .containsExactlyInAnyOrder("/etc/vigil/agent.yaml", "/etc/default/vigil-agent");
        } finally {
            BuiltDeb.deleteTree(dir);
        }
    }

    @Test
    void jar_insidePackage_isTheShadedAgentWithItsMainClass() throws IOException {
        Path dir = BuiltDeb.path().resolveSibling("data-" + System.nanoTime());
        try {
            Commands.run("dpkg-deb", "--extract", deb.toString(), dir.toString())
                    .requireSuccess();
            try (JarFile jar =
                    new JarFile(dir.resolve("usr/share/vigil/vigil-agent.jar").toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                        .isEqualTo("dev.vigil.agent.cli.AgentMain");
                assertThat(jar.getEntry("picocli/CommandLine.class"))
                        .as("shaded dependencies")
                        .isNotNull();
            }
        } finally {
            BuiltDeb.deleteTree(dir);
        }
    }
}
