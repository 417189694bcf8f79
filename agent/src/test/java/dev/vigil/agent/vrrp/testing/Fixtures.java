package dev.vigil.agent.vrrp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared VRRP captures; the directory comes from the {@code vigil.fixtures} system property (see agent/pom.xml). */
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
                    + ": clone the shared/ directory beside the repository or pass -Dvigil.fixtures=DIR");
        }
        return vrrp;
    }

    public static Path capture(String name) {
        return vrrpDir().resolve(name);
    }
}
