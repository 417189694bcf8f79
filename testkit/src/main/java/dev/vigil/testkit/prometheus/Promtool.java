package dev.vigil.testkit.prometheus;

import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool} (package prometheus): checks an exposition as Prometheus' own linter does. */
public final class Promtool {
    private Promtool() {}

    /** What {@code promtool check metrics} said: exit code 0 means no error and no lint problem. */
    public record Verdict(int exitCode, String output) {}

    public static Verdict checkMetrics(String exposition) {
        Path promtool = Prerequisites.requireCommand("promtool", "prometheus");
        try {
            Path in = Files.createTempFile("vigil-metrics-", ".prom");
            Path out = Files.createTempFile("vigil-promtool-", ".log");
            try {
                Files.writeString(in, exposition, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                        .redirectInput(in.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("promtool check metrics did not finish in 60 s");
                }
                return new Verdict(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                for (Path f : List.of(in, out)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run promtool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running promtool", e);
        }
    }
}
