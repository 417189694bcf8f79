package dev.vigil.agent.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent's layering as docs/agent.md states it, read from the import lines of the main sources. */
class PackageImportsTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/vigil/agent");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.vigil\\.agent\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void config_importsNoOtherAgentPackage() throws IOException {
        assertThat(importsFrom("config")).allMatch(imported -> imported.equals("config"));
    }

    @Test
    void sections_doNotImportTheAssembly() throws IOException {
        for (String section : List.of("vrrp", "probe", "routeros", "policy", "publish", "status", "command")) {
            assertThat(importsFrom(section)).as(section).noneMatch(p -> p.equals("run") || p.equals("cli"));
        }
    }

    @Test
    void probe_doesNotImportProbeLive() throws IOException {
        assertThat(importsOfPackageOnly("probe")).noneMatch(p -> p.startsWith("probe.live"));
    }

    /** Imported agent packages of every file in {@code pkg} and its subpackages. */
    private static List<String> importsFrom(String pkg) throws IOException {
        return imports(SOURCES.resolve(pkg.replace('.', '/')), Integer.MAX_VALUE);
    }

    private static List<String> importsOfPackageOnly(String pkg) throws IOException {
        return imports(SOURCES.resolve(pkg.replace('.', '/')), 1);
    }

    private static List<String> imports(Path dir, int depth) throws IOException {
        assertThat(dir).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, depth)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
