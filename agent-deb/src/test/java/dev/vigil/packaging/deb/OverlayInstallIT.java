package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.BuiltDeb;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real install path, without DPKG_ROOT: {@code overlay-install.sh} runs plain {@code dpkg --install} and
 * {@code --purge} in a chroot on a copy-on-write overlay of this machine's root, inside private mount and network
 * namespaces ({@code unshare}), so getent/useradd, chown and {@code sysctl -p} really run while the host's files,
 * accounts and kernel settings stay untouched. Not covered: systemd (no systemd runs here, so the scripts skip
 * daemon-reload and the service is not started).
 */
class OverlayInstallIT {
    private static Path work;
    private static final Map<String, String> facts = new LinkedHashMap<>();
    private static String output;

    @BeforeAll
    static void installAndPurge() throws IOException, URISyntaxException {
        Prerequisites.requireRoot("installing the .deb on an overlay of the root file system");
        Prerequisites.requireCommand("unshare", "util-linux");
        Prerequisites.requirePackage("python3");
        Path script =
                Path.of(OverlayInstallIT.class.getResource("overlay-install.sh").toURI());
        work = Files.createTempDirectory("vigil-overlay-");

        Commands.Result result = Commands.run(
                        "unshare",
                        "--mount",
                        "--net",
                        "--fork",
                        "bash",
                        script.toString(),
                        BuiltDeb.path().toString(),
                        work.toString())
                .requireSuccess();

        output = result.output();
        output.lines().filter(l -> l.matches("[A-Z_]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            facts.put(l.substring(0, eq), l.substring(eq + 1).strip());
        });
    }

    @AfterAll
    static void removeOverlay() {
        BuiltDeb.deleteTree(work);
    }

    private static String fact(String key) {
        assertThat(facts).as(output).containsKey(key);
        return facts.get(key);
    }

    @Test
    void install_realDpkg_configuresThePackage() {
        assertThat(fact("STATUS")).isEqualTo("install ok installed");
        assertThat(fact("PASSWD"))
                .matches("vigil:x:\\d+:" + fact("GROUP_GID") + ":Vigil agent:/var/lib/vigil:/usr/sbin/nologin");
        assertThat(fact("CONFIG")).isEqualTo("root:vigil 640");
        assertThat(fact("STATE_DIR")).isEqualTo("vigil:vigil 750");
    }

    @Test
    void install_debianDefaultRange_appliesSysctlSoOnlyGroupVigilGetsPingSockets() {
        assertThat(fact("RANGE_BEFORE")).isEqualTo("1 0");
        assertThat(fact("RANGE_AFTER")).isEqualTo(fact("GROUP_GID") + " " + fact("GROUP_GID"));
        assertThat(fact("PING_SOCKET_AS_VIGIL")).isEqualTo("ok");
        assertThat(fact("PING_SOCKET_AS_NOBODY")).isEqualTo("refused");
    }

    @Test
    void wrapper_asUserVigil_startsTheAgent() {
        assertThat(fact("WRAPPER")).startsWith("vigil-agent");
    }

    @Test
    void purge_realDpkg_leavesNoPackageFilesBehind() {
        assertThat(fact("AFTER_PURGE")).isEmpty();
    }

    @Test
    void hostSystem_afterTheRun_hasNoVigilAccount() {
        Commands.Result host = Commands.run("getent", "passwd", "vigil");

        assertThat(host.exitCode())
                .as("the install happened on the overlay only")
                .isNotZero();
    }
}
