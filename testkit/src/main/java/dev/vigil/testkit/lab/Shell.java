package dev.vigil.testkit.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs short commands with a hard timeout. Output goes to scratch files, not pipes, so a background grandchild
 * that keeps a pipe open cannot make a call hang.
 */
final class Shell {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final File DEV_NULL = new File("/dev/null");

    private final Path scratch;

    Shell(Path scratch) {
        this.scratch = scratch;
    }

    ExecResult run(Duration timeout, List<String> argv) {
        Path out;
        Path err;
        try {
            // unique names: several JVMs may share a scratch directory (the temp dir during sweeps)
            out = Files.createTempFile(scratch, "exec-", ".out");
            err = Files.createTempFile(scratch, "exec-", ".err");
        } catch (IOException e) {
            return new ExecResult(127, "", "cannot create scratch files in " + scratch + ": " + e.getMessage());
        }
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(DEV_NULL)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
            String stderr = read(err);
            if (!exited) {
                stderr += "[killed after " + timeout.toMillis() + " ms: " + String.join(" ", argv) + "]";
            }
            return new ExecResult(exited ? p.exitValue() : ExecResult.TIMED_OUT, read(out), stderr);
        } catch (IOException e) {
            return new ExecResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "", "interrupted while running " + String.join(" ", argv));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    ExecResult run(List<String> argv) {
        return run(DEFAULT_TIMEOUT, argv);
    }

    /** Runs a set-up step that must succeed; the exception names the command and what it printed. */
    String check(List<String> argv) {
        ExecResult r = run(argv);
        if (!r.ok()) {
            throw new LabException("site lab step failed (exit " + r.exitCode() + "): " + String.join(" ", argv) + ": "
                    + r.output().strip());
        }
        return r.stdout();
    }

    /** Writes {@code content} to a scratch file named {@code name} and returns its path (for nft -f). */
    Path scratchFile(String name, String content) {
        Path file = scratch.resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // scratch clutter only; the lab directory is removed at close
        }
    }
}
