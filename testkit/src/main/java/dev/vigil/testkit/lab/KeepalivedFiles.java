package dev.vigil.testkit.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One router's directory: keepalived.conf, pid files, the log, the notify FIFO, one state file per VRRP instance and
 * transitions.log (every notification, in keepalived's order).
 */
final class KeepalivedFiles {
    private final Path dir;

    KeepalivedFiles(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare keepalived files in " + dir, e);
        }
    }

    Path config() {
        return dir.resolve("keepalived.conf");
    }

    Path notifyFifo() {
        return dir.resolve("notify.fifo");
    }

    Path transitionsLog() {
        return dir.resolve("transitions.log");
    }

    Path pidFile() {
        return dir.resolve("keepalived.pid");
    }

    Path vrrpPidFile() {
        return dir.resolve("vrrp.pid");
    }

    Path checkersPidFile() {
        return dir.resolve("checkers.pid");
    }

    Path log() {
        return dir.resolve("keepalived.log");
    }

    Path stateFile(String instance) {
        return dir.resolve(instance + ".state");
    }

    void writeConfig(String text) {
        try {
            Files.writeString(config(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config(), e);
        }
    }

    /** Before a start: stale pid files would make keepalived refuse to run, stale states would mislead. */
    void clearRunFiles() {
        for (Path file : List.of(
                pidFile(),
                vrrpPidFile(),
                checkersPidFile(),
                stateFile(KeepalivedConfig.INSTANCE_V4),
                stateFile(KeepalivedConfig.INSTANCE_V6))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete stale " + file, e);
            }
        }
    }

    String state(String instance) {
        try {
            Path file = stateFile(instance);
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.US_ASCII).strip()
                    : "UNKNOWN";
        } catch (IOException e) {
            return "UNKNOWN";
        }
    }

    /** The VRRP child's pid, once keepalived has written it and while that process lives. */
    Optional<Long> vrrpChildPid() {
        try {
            long pid = Long.parseLong(
                    Files.readString(vrrpPidFile(), StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
