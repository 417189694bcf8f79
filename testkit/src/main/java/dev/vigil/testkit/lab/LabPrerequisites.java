package dev.vigil.testkit.lab;

import dev.vigil.testkit.PrerequisiteMissingException;
import dev.vigil.testkit.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the site lab needs from the machine, checked once with a single message for everything that is missing. */
final class LabPrerequisites {
    /** command → Debian package. ping is not used by the lab itself but by nearly every test of it. */
    private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("ip", "iproute2");
        COMMANDS.put("nft", "nftables");
        COMMANDS.put("keepalived", "keepalived");
        COMMANDS.put("sysctl", "procps");
        COMMANDS.put("ping", "iputils-ping");
    }

    private LabPrerequisites() {}

    static void check() {
        if (!Prerequisites.isRoot()) {
            List<String> missing = COMMANDS.entrySet().stream()
                    .filter(e -> !onPath(e.getKey()))
                    .map(Map.Entry::getValue)
                    .collect(Collectors.toList());
            throw new PrerequisiteMissingException(notRootMessage(missing));
        }
        COMMANDS.forEach(Prerequisites::requireCommand);
        if (!Files.isDirectory(Path.of("/proc/self/ns"))) {
            throw new PrerequisiteMissingException("the site lab needs a Linux kernel with network namespaces");
        }
    }

    /** One message for everything a non-root user lacks: root itself and the packages not installed. */
    static String notRootMessage(List<String> missingPackages) {
        String also =
                missingPackages.isEmpty() ? "" : "; also missing: apt-get install " + String.join(" ", missingPackages);
        return "the site lab needs root (it creates network namespaces and runs keepalived and nft): run the tests"
                + " as root, e.g. sudo mvn verify" + also;
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
