package dev.vigil.agent.vrrp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The VRRP captures in {@code agent/src/test/resources/fixtures/vrrp}; the directory comes from the {@code
 * vigil.fixtures} system property (see agent/pom.xml).
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path vrrpDir() {
        String dir = System.getProperty("vigil.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property vigil.fixtures is not set (run through Maven or set it)");
        }
        Path vrrp = Path.of(dir, "vrrp").toAbsolutePath().normalize();
        if (!Files.isRegularFile(vrrp.resolve("EXPECTED.txt"))) {
            throw new IllegalStateException("VRRP fixtures missing at " + vrrp
                    + ": expected agent/src/test/resources/fixtures/vrrp, or pass -Dvigil.fixtures=DIR");
        }
        return vrrp;
    }

    public static Path capture(String name) {
        return vrrpDir().resolve(name);
    }

    /**
     * The IPv4 sources of one capture in order of first appearance, as its section of EXPECTED.txt lists them: tests
     * about the RouterOS capture take its routers' addresses from the fixture's own ground truth.
     */
    public static List<String> ipv4Sources(String name) {
        try {
            List<String> sources = new ArrayList<>();
            boolean inSection = false;
            for (String line : Files.readAllLines(vrrpDir().resolve("EXPECTED.txt"), StandardCharsets.UTF_8)) {
                if (line.startsWith("== ")) {
                    inSection = line.substring(3).strip().equals(name);
                } else if (inSection) {
                    String[] columns = line.strip().split("\\s+");
                    if (columns.length > 4 && columns[4].equals("IPv4") && !sources.contains(columns[2])) {
                        sources.add(columns[2]);
                    }
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
