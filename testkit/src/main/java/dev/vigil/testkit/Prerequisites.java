package dev.vigil.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a test's Debian packages and privileges are there. A missing command is installed with apt-get when
 * running as root; otherwise the test fails with one message that says what is missing and how to get it. Never a
 * silent skip.
 */
public final class Prerequisites {
    private static final Object APT_LOCK = new Object();
    private static boolean aptUpdated;

    private Prerequisites() {}

    /** Fails unless the JVM runs as root (network namespaces, keepalived, nftables need it). */
    public static void requireRoot(String what) {
        if (!isRoot()) {
            throw new PrerequisiteMissingException(
                    what + " needs root (network namespaces); run the tests as root," + " e.g. sudo mvn verify");
        }
    }

    public static boolean isRoot() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            return status.lines().anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Ensures {@code command} is on the PATH (or in /usr/sbin, /sbin), installing Debian package {@code pkg} when it
     * is missing and the JVM is root.
     *
     * @return the absolute path of the command
     */
    public static Path requireCommand(String command, String pkg) {
        Path found = find(command);
        if (found != null) {
            return found;
        }
        if (!isRoot()) {
            throw new PrerequisiteMissingException(
                    "'" + command + "' is missing: install it with 'apt-get install " + pkg + "' (as root)");
        }
        aptInstall(pkg);
        found = find(command);
        if (found == null) {
            throw new PrerequisiteMissingException(
                    "'apt-get install " + pkg + "' ran but '" + command + "' is still missing");
        }
        return found;
    }

    /** Ensures a Debian package is installed (for libraries such as libpcap0.8 that have no command). */
    public static void requirePackage(String pkg) {
        if (run(List.of("dpkg-query", "-W", "-f=${Status}", pkg)).contains("install ok installed")) {
            return;
        }
        if (!isRoot()) {
            throw new PrerequisiteMissingException(
                    "Debian package '" + pkg + "' is missing: install it with 'apt-get install " + pkg + "' (as root)");
        }
        aptInstall(pkg);
    }

    private static void aptInstall(String pkg) {
        synchronized (APT_LOCK) {
            if (!aptUpdated) {
                exec(List.of("apt-get", "update", "-qq"), "apt-get update");
                aptUpdated = true;
            }
            exec(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", pkg), "apt-get install " + pkg);
        }
    }

    private static Path find(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void exec(List<String> argv, String what) {
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new PrerequisiteMissingException(what + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new PrerequisiteMissingException(what + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrerequisiteMissingException(what + " interrupted");
        }
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
