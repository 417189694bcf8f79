package dev.vigil.testkit.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final String KEPT_MARKER = "KEPT";
    private static final Pattern NAMESPACE = Pattern.compile("vgl(\\d+)x(\\d+)-[a-z0-9]+");
    private static final Pattern DIRECTORY = Pattern.compile(DIR_PREFIX + "vgl(\\d+)x(\\d+)-.*");
    private static final long SELF = ProcessHandle.current().pid();
    private static final System.Logger LOG = System.getLogger(LabJanitor.class.getName());
    private static final Set<SiteLab> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> RESERVED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LabJanitor::closeAllOpen, "site-lab-cleanup"));
    }

    private LabJanitor() {}

    /** Claims a prefix before anything of the lab exists, so a concurrent sweep in this JVM leaves it alone. */
    static void reserve(String prefix) {
        RESERVED.add(prefix);
    }

    static void release(String prefix) {
        RESERVED.remove(prefix);
    }

    static void register(SiteLab lab) {
        OPEN.add(lab);
    }

    static void unregister(SiteLab lab) {
        OPEN.remove(lab);
        RESERVED.remove(lab.prefix());
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

    /** Kills every process in these namespaces (never this JVM) and deletes them. */
    static void destroyNamespaces(Shell shell, List<String> namespaces) {
        List<Long> victims = new ArrayList<>();
        for (String namespace : namespaces) {
            shell.run(List.of("ip", "netns", "pids", namespace))
                    .stdout()
                    .lines()
                    .map(String::strip)
                    .filter(s -> s.matches("\\d+"))
                    .map(Long::parseLong)
                    .filter(pid -> pid != SELF)
                    .forEach(victims::add);
        }
        victims.forEach(pid -> LibC.signal(pid, LibC.SIGKILL));
        // a killed process leaves its namespaces at exit, before it is reaped (a zombie has no ns/net link)
        Poll.until(() -> victims.stream().noneMatch(LabJanitor::holdsNamespace), Duration.ofSeconds(5));
        for (String namespace : namespaces) {
            shell.run(List.of("ip", "netns", "del", namespace));
        }
    }

    private static boolean holdsNamespace(long pid) {
        try {
            Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes namespaces and directories of labs whose JVM is gone, or of this JVM but no longer open. */
    static void sweepLeftovers(Shell shell, Path tmp) {
        Set<String> open = Set.copyOf(RESERVED);
        List<String> leftovers = new ArrayList<>();
        for (String namespace : namespaces("vgl")) {
            Matcher m = NAMESPACE.matcher(namespace);
            if (m.matches() && isLeftover(m, open)) {
                leftovers.add(namespace);
            }
        }
        if (!leftovers.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "removing site lab namespaces left by dead processes: {0}", leftovers);
            destroyNamespaces(shell, leftovers);
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.filter(p -> {
                        Matcher m = DIRECTORY.matcher(p.getFileName().toString());
                        return m.matches() && isLeftover(m, open) && !Files.exists(p.resolve(KEPT_MARKER));
                    })
                    .forEach(LabJanitor::deleteTree);
        } catch (IOException e) {
            // old lab directories are clutter, not a reason to fail a new lab
        }
    }

    /** Marks a lab directory as kept on purpose: sweeps leave it alone. */
    static void markKept(Path dir) {
        try {
            Files.writeString(dir.resolve(KEPT_MARKER), "kept for diagnosis; delete by hand\n");
        } catch (IOException e) {
            // the directory is still there; only a later sweep might remove it
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
                LOG.log(System.Logger.Level.WARNING, "site lab cleanup at exit failed", e);
            }
        }
    }
}
