package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts {@code replay} and {@code sniff} again in a JVM sized for them when the user gave the JVM no heap or
 * collector option. A plain {@code java -jar} on a 24 GB machine gets G1 with a 384 MB initial heap, and a replay of
 * 1,000,000 adverts touched all of it (430 MB peak RSS); the same work fits in a 64 MB serial heap
 * (docs/benchmarks-vrrp.md). The child is transparent: it inherits stdin, stdout and stderr, its exit code is the
 * process's, SIGTERM and SIGHUP are passed on, and a Ctrl-C that reached only this process is passed on too.
 * {@code -Dvigil.relaunch=false} turns it off; any {@code -Xmx}, {@code -XX:Max…}, {@code -XX:+Use…GC} option, also in
 * {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}, means the user chose and is respected.
 */
final class SmallHeapRelaunch {
    static final List<String> OPTIONS =
            List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss512k", "-XX:-UsePerfData", "-Xshare:auto");
    static final String PROPERTY = "vigil.relaunch";
    private static final Set<String> COMMANDS = Set.of("replay", "sniff");
    private static final List<String> USER_CHOICES =
            List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize", "-XX:InitialHeapSize", "-XX:MaxRAM", "-XX:+Use");
    private static final List<String> ENVIRONMENT = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private SmallHeapRelaunch() {}

    /** The child's exit code after running it, or -1 when this process should do the work itself. */
    static int runIfWanted(String[] args) throws InterruptedException {
        List<String> jvmOptions = jvmOptions();
        if (jvmOptions == null || !wanted(args, jvmOptions, System.getenv(), System.getProperty(PROPERTY))) {
            return -1;
        }
        List<String> command = command(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"),
                jvmOptions,
                args);
        // Handlers first: a signal that comes while the child starts must still reach it.
        ChildSignals signals = ChildSignals.install();
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            signals.uninstall();
            return -1; // no second JVM: do the work here, with the larger heap
        }
        signals.started(child);
        return child.waitFor();
    }

    static boolean wanted(String[] args, List<String> jvmOptions, Map<String, String> env, String property) {
        if (args.length == 0 || !COMMANDS.contains(args[0]) || property != null) {
            return false;
        }
        List<String> given = new ArrayList<>(jvmOptions);
        for (String name : ENVIRONMENT) {
            String value = env.get(name);
            if (value != null) {
                given.addAll(Arrays.asList(value.trim().split("\\s+")));
            }
        }
        return given.stream().noneMatch(o -> USER_CHOICES.stream().anyMatch(o::startsWith));
    }

    /** Ours first, then the user's own options (a {@code -D…} still applies), then the same main class and args. */
    static List<String> command(String java, String classPath, List<String> jvmOptions, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        command.add("-D" + PROPERTY + "=false");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(AgentMain.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The JVM options this process was started with, from /proc (Linux), or null when unknown. */
    private static List<String> jvmOptions() {
        try {
            String[] argv = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), UTF_8).split("\0");
            return jvmOptions(argv);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code argv} without the launcher, the class path and everything from the jar or main class on. */
    static List<String> jvmOptions(String[] argv) {
        List<String> options = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("-jar") || !a.startsWith("-")) {
                return options;
            }
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
                i++;
            } else {
                options.add(a);
            }
        }
        return options;
    }
}
