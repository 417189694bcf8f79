package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.ExtractedDeb;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code systemd-analyze verify --root} on the unit as packaged. The root is the extracted package plus the host's
 * own units (sysinit.target and friends), so verify also checks that ExecStart exists and is executable.
 */
class SystemdUnitIT {
    private static final String UNIT = "/usr/lib/systemd/system/vigil-agent.service";
    private static ExtractedDeb deb;

    @BeforeAll
    static void extract() throws IOException {
        Prerequisites.requireCommand("systemd-analyze", "systemd");
        deb = ExtractedDeb.extract();
        Path units = deb.resolve("/usr/lib/systemd/system");
        try (Stream<Path> host = Files.list(Path.of("/usr/lib/systemd/system"))) {
            for (Path unit : host.toList()) {
                Path target = units.resolve(unit.getFileName().toString());
                if (!Files.exists(target) && Files.isRegularFile(unit)) {
                    Files.copy(unit, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (deb != null) {
            deb.close();
        }
    }

    private static Commands.Result verify(String unit) {
        return Commands.run("systemd-analyze", "verify", "--root=" + deb.root(), unit);
    }

    @Test
    void verify_packagedUnit_reportsNothing() {
        Commands.Result result = verify(UNIT);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isBlank();
    }

    @Test
    void verify_unitWithATypoedSetting_reportsIt() throws IOException {
        String broken = Files.readString(deb.resolve(UNIT), StandardCharsets.UTF_8)
                .replace("RestrictNamespaces=yes", "RestrictNamespaces=sometimes");
        Files.writeString(deb.resolve("/usr/lib/systemd/system/vigil-broken.service"), broken, StandardCharsets.UTF_8);

        Commands.Result result = verify("/usr/lib/systemd/system/vigil-broken.service");

        assertThat(result.output()).contains("sometimes");
    }

    @Test
    void unit_packaged_runsUnprivilegedWithOnlyCapNetRaw() throws IOException {
        String unit = Files.readString(deb.resolve(UNIT), StandardCharsets.UTF_8);

        assertThat(unit.lines())
                .contains(
                        "User=vigil",
                        "AmbientCapabilities=CAP_NET_RAW",
                        "CapabilityBoundingSet=CAP_NET_RAW",
                        "NoNewPrivileges=yes",
                        "LimitRTPRIO=1",
                        "ProtectSystem=strict",
                        "ReadWritePaths=/var/lib/vigil",
                        "StateDirectory=vigil",
                        "Restart=on-failure",
                        "ExecStart=/usr/bin/vigil-agent run --config /etc/vigil/agent.yaml");
        assertThat(unit.lines().filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.contains("setcap") || l.contains("CAP_NET_ADMIN") || l.contains("CAP_SYS_ADMIN"));
    }
}
