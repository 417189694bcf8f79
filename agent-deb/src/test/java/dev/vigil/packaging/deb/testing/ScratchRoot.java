package dev.vigil.packaging.deb.testing;

import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An empty Debian root in a temporary directory with its own dpkg database and account files, into which the real
 * dpkg installs with {@code --root DIR --force-script-chrootless}: dpkg unpacks, registers conffiles and runs the
 * maintainer scripts on the host with {@code DPKG_ROOT=DIR}. Limits: no JRE, libpcap or systemd inside the root
 * (dependencies are forced), and the scripts leave the running kernel and systemd alone in this mode.
 */
public final class ScratchRoot implements AutoCloseable {
    private final Path dir;

    private ScratchRoot(Path dir) {
        this.dir = dir;
    }

    public static ScratchRoot create() {
        try {
            Path dir = Files.createTempDirectory("vigil-root-");
            for (String d : List.of("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc")) {
                Files.createDirectories(dir.resolve(d));
            }
            write(dir, "var/lib/dpkg/status", "");
            write(dir, "var/lib/dpkg/available", "");
            write(dir, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
            write(dir, "etc/group", "root:x:0:\nnetdev:x:999:\n");
            write(dir, "etc/shadow", "root:*:19000:0:99999:7:::\n");
            write(dir, "etc/gshadow", "root:*::\nnetdev:!::\n");
            write(
                    dir,
                    "etc/login.defs",
                    "SYS_UID_MIN 100\nSYS_UID_MAX 999\nSYS_GID_MIN 100\nSYS_GID_MAX 999\n"
                            + "UID_MIN 1000\nUID_MAX 60000\nGID_MIN 1000\nGID_MAX 60000\n");
            return new ScratchRoot(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretends the target's kernel currently has this ping_group_range (the postinst reads DPKG_ROOT/proc). */
    public ScratchRoot withPingGroupRange(String range) {
        write(dir, "proc/sys/net/ipv4/ping_group_range", range + "\n");
        return this;
    }

    public Commands.Result dpkg(String... args) {
        List<String> argv = new java.util.ArrayList<>(
                List.of("dpkg", "--root=" + dir, "--force-script-chrootless", "--force-depends", "--log=/dev/null"));
        argv.addAll(List.of(args));
        return Commands.run(Map.of("DEBIAN_FRONTEND", "noninteractive"), argv);
    }

    public Path path(String absolute) {
        return dir.resolve(absolute.replaceFirst("^/", ""));
    }

    public String read(String absolute) {
        try {
            return Files.readString(path(absolute), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numeric id of a user or group from this root's /etc/passwd or /etc/group, or -1. */
    public int id(String file, String name) {
        return read(file)
                .lines()
                .filter(l -> l.startsWith(name + ":"))
                .mapToInt(l -> Integer.parseInt(l.split(":")[2]))
                .findFirst()
                .orElse(-1);
    }

    private static void write(Path dir, String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        BuiltDeb.deleteTree(dir);
    }
}
