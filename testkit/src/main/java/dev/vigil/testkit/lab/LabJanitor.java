package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes lab namespaces, their processes and files: those of a closing lab, those of labs open at JVM exit, and
 * leftovers of test runs that were killed (namespaces named after a process id that no longer exists).
 */
final class LabJanitor {
    static final Path NETNS_DIR = Path.of("/run/netns");
    static final String DIR_PREFIX = "vigil-lab-";
    private static final Pattern NAMESPACE = Pattern.compile("vgl(\\d+)x(\\d+)-[a-z0-9]+");
    private static final Pattern DIRECTORY = Pattern.compile(DIR_PREFIX + "vgl(\\d+)x(\\d+)-.*");
    private static final long SELF = ProcessHandle.current().pid();
    private static final Set<SiteLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LabJanitor::closeAllOpen, "site-lab-cleanup"));
    }

    private LabJanitor() {}

    static void register(SiteLab lab) {
        OPEN.add(lab);
    }

    static void unregister(SiteLab lab) {
        OPEN.remove(lab);
    }

    /** Lab namespaces that exist now and start with {@code prefix}. */
    static List<String> namespaces(String prefix) {
        if (!Files.isDirectory(NETNS_DIR)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(NETNS_DIR)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new LabException("cannot list " + NETNS_DIR, e);
        }
    }

    /** Kills every process in the namespace (never this JVM) and deletes it. */
    static void destroyNamespace(Shell shell, String namespace) {
        ExecResult pids = shell.run(List.of("ip", "netns", "pids", namespace));
        List<ProcessHandle> victims = pids.stdout()
                .lines()
                .map(String::strip)
                .filter(s -> s.matches("\\d+"))
                .map(Long::parseLong)
                .filter(pid -> pid != SELF)
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .collect(Collectors.toList());
        victims.forEach(p -> signal(p.pid(), LibC.SIGKILL));
        Poll.until(() -> victims.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5));
        shell.run(List.of("ip", "netns", "del", namespace));
    }

    /** Removes namespaces and directories of labs whose JVM is gone, or of this JVM but no longer open. */
    static void sweepLeftovers(Shell shell, Path tmp) {
        Set<String> open = OPEN.stream().map(SiteLab::prefix).collect(Collectors.toSet());
        for (String namespace : namespaces("vgl")) {
            Matcher m = NAMESPACE.matcher(namespace);
            if (m.matches() && isLeftover(m, open)) {
                destroyNamespace(shell, namespace);
            }
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> {
                        Matcher m = DIRECTORY.matcher(p.getFileName().toString());
                        return m.matches() && isLeftover(m, open) && !Boolean.getBoolean(SiteLab.KEEP_FILES_PROPERTY);
                    })
                    .forEach(LabJanitor::deleteTree);
        } catch (IOException e) {
            // old lab directories are clutter, not a reason to fail a new lab
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }

    private static boolean isLeftover(Matcher m, Set<String> open) {
        long pid = Long.parseLong(m.group(1));
        if (pid == SELF) {
            return !open.contains("vgl" + m.group(1) + "x" + m.group(2) + "-");
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static void closeAllOpen() {
        for (SiteLab lab : List.copyOf(OPEN)) {
            try {
                lab.close();
            } catch (RuntimeException e) {
                System.getLogger(LabJanitor.class.getName())
                        .log(System.Logger.Level.WARNING, "site lab cleanup at exit failed", e);
            }
        }
    }

    static void signal(long pid, int signal) {
        try {
            LibC.INSTANCE.kill((int) pid, signal);
        } catch (LastErrorException e) {
            // ESRCH: already gone
        }
    }
}
