package dev.vigil.packaging.deb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.deb.testing.BuiltDeb;
import dev.vigil.packaging.deb.testing.ScratchRoot;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Installs, reinstalls and purges the built .deb with the real dpkg into a scratch root (see {@link ScratchRoot}). */
class ScratchRootInstallIT {
    private ScratchRoot root;

    @BeforeEach
    void createRoot() {
        Prerequisites.requireRoot("installing the .deb into a scratch root (chown to the vigil user)");
        Prerequisites.requireCommand("dpkg", "dpkg");
        Prerequisites.requireCommand("useradd", "passwd");
        root = ScratchRoot.create();
    }

    @AfterEach
    void removeRoot() {
        if (root != null) {
            root.close();
        }
    }

    private void install() {
        root.dpkg("--install", BuiltDeb.path().toString()).requireSuccess();
    }

    private String owner(String path) throws IOException {
        Path p = root.path(path);
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        return uid + ":" + gid + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void install_freshRoot_createsSystemAccountWithoutLoginShell() {
        install();

        int gid = root.id("/etc/group", "vigil");
        assertThat(gid).isBetween(100, 999).isNotEqualTo(999);
        assertThat(root.read("/etc/passwd"))
                .containsPattern("(?m)^vigil:x:\\d{3}:" + gid + ":Vigil agent:/var/lib/vigil:/usr/sbin/nologin$");
        assertThat(root.read("/var/lib/dpkg/status")).contains("Status: install ok installed");
    }

    @Test
    void install_freshRoot_configReadableByGroupVigilOnly() throws IOException {
        install();

        int uid = root.id("/etc/passwd", "vigil");
        int gid = root.id("/etc/group", "vigil");
        assertThat(owner("/etc/vigil/agent.yaml")).isEqualTo("0:" + gid + " rw-r-----");
        assertThat(owner("/etc/vigil")).isEqualTo("0:" + gid + " rwxr-x---");
        assertThat(owner("/var/lib/vigil")).isEqualTo(uid + ":" + gid + " rwxr-x---");
        assertThat(root.read("/var/lib/dpkg/status")).contains(" /etc/vigil/agent.yaml ");
    }

    @ParameterizedTest(name = "range in force {0} -> {1}")
    @CsvSource({
        "'1 0', 'GID GID'", // Debian's default admits nobody
        "'0 2147483647', '0 2147483647'", // already wide: never narrowed
        "'100 200', '100 GID'" // widened just enough
    })
    void install_withRangeInForce_writesSysctlThatAdmitsGroupVigil(String inForce, String expected) {
        root.withPingGroupRange(inForce);

        install();

        String gid = String.valueOf(root.id("/etc/group", "vigil"));
        assertThat(root.read("/etc/sysctl.d/60-vigil-ping.conf"))
                .contains("net.ipv4.ping_group_range = " + expected.replace("GID", gid) + "\n");
    }

    @Test
    void reinstall_editedConfig_keepsEditAndAccount() throws IOException {
        install();
        int uid = root.id("/etc/passwd", "vigil");
        Files.writeString(root.path("/etc/vigil/agent.yaml"), "site: edited\n", StandardCharsets.UTF_8);

        install();

        assertThat(root.read("/etc/vigil/agent.yaml")).isEqualTo("site: edited\n");
        assertThat(root.id("/etc/passwd", "vigil")).isEqualTo(uid);
        assertThat(root.read("/etc/passwd").lines().filter(l -> l.startsWith("vigil:")))
                .hasSize(1);
    }

    @Test
    void purge_installedPackage_removesFilesStateAndSysctlButKeepsAccount() throws IOException {
        install();
        Files.writeString(root.path("/var/lib/vigil/outbox.bin"), "queued", StandardCharsets.UTF_8);

        root.dpkg("--purge", "vigil-agent").requireSuccess();

        for (String gone : new String[] {
            "/usr/share/vigil/vigil-agent.jar",
            "/usr/bin/vigil-agent",
            "/usr/lib/systemd/system/vigil-agent.service",
            "/etc/vigil",
            "/etc/default/vigil-agent",
            "/etc/sysctl.d/60-vigil-ping.conf",
            "/var/lib/vigil"
        }) {
            assertThat(root.path(gone)).as(gone).doesNotExist();
        }
        assertThat(root.read("/var/lib/dpkg/status")).doesNotContain("vigil-agent");
        assertThat(root.id("/etc/passwd", "vigil"))
                .as("system user kept (Debian policy)")
                .isPositive();
    }

    @Test
    void purge_adminAddedPasswordFile_keepsIt() throws IOException {
        install();
        Files.writeString(root.path("/etc/vigil/mqtt.password"), "secret\n", StandardCharsets.UTF_8);

        root.dpkg("--purge", "vigil-agent").requireSuccess();

        assertThat(root.path("/etc/vigil/mqtt.password")).exists();
        assertThat(root.path("/etc/vigil/agent.yaml")).doesNotExist();
    }
}
