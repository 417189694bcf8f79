package dev.vigil.agent.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    record Wan(String name, Duration interval, int targets) {}

    private static List<Wan> parseWans(ConfigNode root) {
        root.allowOnly("site", "wans");
        return root.list("wans").stream()
                .map(w -> {
                    w.allowOnly("name", "interval", "targets");
                    return new Wan(
                            w.requiredString("name"),
                            w.duration(
                                    "interval", Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMinutes(1)),
                            w.integer("targets", 3, 1, 10));
                })
                .toList();
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml, UTF_8);
        return file;
    }

    @Test
    void parse_validFile_returnsParsedValues() throws Exception {
        List<Wan> wans = ConfigFile.parse(
                write("site: s1\nwans:\n  - name: wan1\n    interval: 250ms\n    targets: 2\n"),
                ConfigFileTest::parseWans);

        assertThat(wans).containsExactly(new Wan("wan1", Duration.ofMillis(250), 2));
    }

    @Test
    void parse_severalProblems_reportsEveryOneWithKeyValueAndAcceptedRange() throws Exception {
        Path file = write("site: s1\nwnas: []\nwans:\n  - interval: 5 fortnights\n    targets: 99\n    nmae: x\n");

        assertThatThrownBy(() -> ConfigFile.parse(file, ConfigFileTest::parseWans))
                .isInstanceOfSatisfying(
                        ConfigInvalidException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::toString)
                                .containsExactlyInAnyOrder(
                                        "wnas: unknown key (did you mean 'wans'?); accepted here: site, wans",
                                        "wans[0].nmae: unknown key (did you mean 'name'?); accepted here: name, interval, targets",
                                        "wans[0].name: is required",
                                        "wans[0].interval = '5 fortnights': must be a duration from 100ms to 1m written like 500ms, 2s, 5m",
                                        "wans[0].targets = '99': must be a whole number from 1 to 10"))
                .hasMessageContaining("agent.yaml: 5 problems");
    }

    @Test
    void parse_brokenYaml_reportsLineAndColumn() throws Exception {
        Path file = write("site: s1\nwans: [\n");

        assertThatThrownBy(() -> ConfigFile.parse(file, ConfigFileTest::parseWans))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line ");
    }

    @Test
    void parse_missingFile_saysSo() {
        assertThatThrownBy(() -> ConfigFile.parse(dir.resolve("nope.yaml"), ConfigFileTest::parseWans))
                .isInstanceOf(ConfigInvalidException.class)
                .hasMessageContaining("does not exist");
    }
}
