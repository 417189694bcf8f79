package dev.vigil.testkit.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The labs that exist on this machine right now, found by their namespace names (for lab status and down). */
final class LabInventory {
    private static final Pattern NAME = Pattern.compile("(vgl(\\d+)x\\d+-)([a-z0-9]+)");

    record Entry(String prefix, long ownerPid, List<String> namespaces) {
        boolean ownerAlive() {
            return ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
        }

        /** The owner's command line, to tell a human's {@code lab up} from a test JVM. */
        String ownerCommand() {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(ownerPid), "cmdline"));
                return new String(raw, StandardCharsets.UTF_8)
                        .replace('\0', ' ')
                        .strip();
            } catch (IOException e) {
                return "";
            }
        }

        boolean startedByLabUp() {
            String cmd = ownerCommand();
            return cmd.contains(SiteLabMain.class.getName()) || cmd.contains("vigil-testkit.jar");
        }

        /** The lab's directory under the temp dir, if it is still there. */
        Optional<Path> directory() {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (Stream<Path> entries = Files.list(tmp)) {
                return entries.filter(p -> p.getFileName().toString().startsWith(LabJanitor.DIR_PREFIX + prefix))
                        .findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private LabInventory() {}

    static List<Entry> labs() {
        Map<String, List<String>> byPrefix = new TreeMap<>();
        Map<String, Long> owners = new TreeMap<>();
        for (String namespace : LabJanitor.namespaces("vgl")) {
            Matcher m = NAME.matcher(namespace);
            if (m.matches()) {
                byPrefix.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(namespace);
                owners.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        List<Entry> labs = new ArrayList<>();
        byPrefix.forEach((prefix, names) -> labs.add(new Entry(prefix, owners.get(prefix), List.copyOf(names))));
        return labs;
    }

    static String readState(Path directory, String router) {
        try {
            Path file = directory.resolve("router-" + router).resolve(KeepalivedConfig.INSTANCE_V4 + ".state");
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.US_ASCII).strip()
                    : "UNKNOWN";
        } catch (IOException e) {
            return "UNKNOWN";
        }
    }
}
