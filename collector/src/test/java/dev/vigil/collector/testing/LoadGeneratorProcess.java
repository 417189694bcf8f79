package dev.vigil.collector.testing;

import dev.vigil.collector.testing.LoadGenerator.Login;
import dev.vigil.collector.testing.LoadGenerator.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LoadGenerator} in a JVM of its own (same class path), so that its allocations, GC pauses and JIT do
 * not land in the measured process. The phases are fixed: warm-up (steady at half the rate, not reported), steady,
 * saturated, and steady again ("steady-again": the same rate once the JVMs have run the saturated phase). {@link #main} is the child side; {@link #run} the parent side.
 */
public final class LoadGeneratorProcess {
    /** What one run of the child measured, by phase name ("steady", "saturated", "steady-again"). */
    public record Phases(Map<String, Result> results) {}

    /** The parameters of one run. */
    public record Plan(int port, String prefix, int rate, int window, Duration phase, Duration warmUp) {}

    private LoadGeneratorProcess() {}

    /** Starts the child, waits for it and returns its figures; logins null for an anonymous broker. */
    public static Phases run(Plan plan, List<Login> logins, Path workDir) {
        try {
            Path loginFile = Files.createTempFile(workDir, "logins-", ".txt");
            List<String> lines = new ArrayList<>();
            for (Login l : logins) {
                lines.add(l.site() + "\t" + (l.username() == null ? "" : l.username()) + "\t"
                        + (l.password() == null ? "" : l.password()));
            }
            Files.write(loginFile, lines, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m",
                    "-Xmx2g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LoadGeneratorProcess.class.getName(),
                    Integer.toString(plan.port()),
                    plan.prefix(),
                    Integer.toString(plan.rate()),
                    Integer.toString(plan.window()),
                    Long.toString(plan.phase().toMillis()),
                    Long.toString(plan.warmUp().toMillis()),
                    loginFile.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Map<String, Result> results = new LinkedHashMap<>();
            List<String> output = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("RESULT ")) {
                        String[] f = line.split(" ");
                        results.put(
                                f[1],
                                new Result(
                                        Long.parseLong(f[2]),
                                        Duration.ofNanos(Long.parseLong(f[3])),
                                        Double.parseDouble(f[4]),
                                        Double.parseDouble(f[5]),
                                        Double.parseDouble(f[6]),
                                        Double.parseDouble(f[7])));
                    } else {
                        output.add(line);
                    }
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || results.size() != 3) {
                p.destroyForcibly();
                throw new IllegalStateException("load generator process failed: " + String.join("\n", output));
            }
            return new Phases(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Child: port, prefix, rate, window, phase ms, warm-up ms, login file (site TAB user TAB password). */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        int rate = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        Duration phase = Duration.ofMillis(Long.parseLong(args[4]));
        Duration warmUp = Duration.ofMillis(Long.parseLong(args[5]));
        List<Login> logins = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[6]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            logins.add(new Login(f[0], f[1].isEmpty() ? null : f[1], f[2].isEmpty() ? null : f[2]));
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        try (LoadGenerator load = new LoadGenerator(port, logins.size(), logins::get, prefix)) {
            load.steady(rate / 2, warmUp);
            report(out, "steady", load.steady(rate, phase));
            report(out, "saturated", load.saturate(window, phase));
            report(out, "steady-again", load.steady(rate, phase));
        }
        System.exit(0);
    }

    private static void report(PrintStream out, String phase, Result r) {
        out.printf(
                Locale.ROOT,
                "RESULT %s %d %d %.3f %.3f %.3f %.3f%n",
                phase,
                r.acked(),
                r.elapsed().toNanos(),
                r.p50Ms(),
                r.p99Ms(),
                r.lagP99Ms(),
                r.p99FromScheduleMs());
    }
}
