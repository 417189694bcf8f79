package dev.vigil.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real command with a deadline and hands back its exit code and merged output. */
public final class Commands {
    private static final long TIMEOUT_SECONDS = 120;

    private Commands() {}

    /** What a finished command left behind. */
    public record Result(List<String> argv, int exitCode, String output) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", argv) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    public static Result run(String... argv) {
        return run(Map.of(), List.of(argv));
    }

    public static Result run(Map<String, String> env, List<String> argv) {
        try {
            Path out = Files.createTempFile("vigil-cmd-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(argv)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                return new Result(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + argv, e);
        }
    }
}
