package dev.vigil.agent.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running the agent (via {@link AgentChildMain} or the real CLI), with its output in a file. */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private AgentProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static AgentProcess child(Path config, int events, Path output) throws IOException {
        return start(List.of(AgentChildMain.class.getName(), config.toString(), Integer.toString(events)), output);
    }

    public static AgentProcess cli(Path output, String... args) throws IOException {
        return cliWithJvmFlags(List.of("-Xmx64m"), output, args);
    }

    public static AgentProcess cliWithJvmFlags(List<String> jvmFlags, Path output, String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("dev.vigil.agent.cli.AgentMain"));
        argv.addAll(List.of(args));
        return start(jvmFlags, argv, output);
    }

    /** The shaded jar ({@code java FLAGS -jar JAR ARGS}), as installed at a site. */
    public static AgentProcess jar(List<String> jvmFlags, Path jar, Path output, String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(jvmFlags);
        argv.add("-jar");
        argv.add(jar.toString());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new AgentProcess(p, output);
    }

    /** Any main class of the test class path in a child JVM. */
    public static AgentProcess main(List<String> jvmFlags, Class<?> main, Path output) throws IOException {
        return start(jvmFlags, List.of(main.getName()), output);
    }

    private static AgentProcess start(List<String> mainAndArgs, Path output) throws IOException {
        return start(List.of("-Xmx64m"), mainAndArgs, output);
    }

    private static AgentProcess start(List<String> jvmFlags, List<String> mainAndArgs, Path output) throws IOException {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(jvmFlags);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.addAll(mainAndArgs);
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new AgentProcess(p, output);
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public AgentProcess awaitOutput(String text, Duration within) {
        await().atMost(within).until(() -> {
            if (!process.isAlive() && !output().contains(text)) {
                throw new AssertionError("agent exited " + process.exitValue() + ":\n" + output());
            }
            return output().contains(text);
        });
        return this;
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook stops the agent cleanly. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("agent did not stop within 30 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
