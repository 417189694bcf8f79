package dev.vigil.packaging.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.packaging.docker.testing.DockerDir;
import dev.vigil.packaging.docker.testing.DockerfileLinter;
import dev.vigil.testkit.process.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dockerfiles: linted by a real Dockerfile parser, and read for what an image must have. */
class DockerfileTest {

    private static List<String> instructions(String dockerfile) {
        // Joins continuation lines, drops comments: one string per instruction.
        String joined = DockerDir.read(dockerfile).replaceAll("\\\\\\n", " ");
        return joined.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** The instructions of the last stage, the image that ships. */
    private static List<String> runtimeStage(String dockerfile) {
        List<String> all = instructions(dockerfile);
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector.Dockerfile", "agent.Dockerfile"})
    void lint_shippedDockerfile_reportsNothing(String name) {
        Commands.Result result = DockerfileLinter.lint(DockerDir.path(name));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isBlank();
    }

    @Test
    void lint_dockerfileWithAMistypedFlag_reportsIt(@TempDir Path dir) throws IOException {
        String broken =
                DockerDir.read("collector.Dockerfile").replace("HEALTHCHECK --interval", "HEALTHCHECK --intervall");
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, broken, StandardCharsets.UTF_8);

        Commands.Result result = DockerfileLinter.lint(file);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("Unknown flag: intervall");
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector.Dockerfile", "agent.Dockerfile"})
    void dockerfile_shipped_buildsOnTheBuildPlatformOrTakesPrebuiltJarsAndCopiesOnlyThemIntoTheRuntime(String name) {
        List<String> froms =
                instructions(name).stream().filter(i -> i.startsWith("FROM ")).toList();

        assertThat(froms).hasSize(4);
        assertThat(froms.get(0)).contains("--platform=$BUILDPLATFORM").endsWith("AS build");
        assertThat(froms.get(1)).isEqualTo("FROM scratch AS prebuilt");
        assertThat(froms.get(2)).isEqualTo("FROM ${JARS} AS jars");
        assertThat(DockerDir.read(name)).contains("ARG JARS=build");
        assertThat(runtimeStage(name).stream().filter(i -> i.startsWith("COPY ")))
                .isNotEmpty()
                .allMatch(i -> i.startsWith("COPY --from=jars "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector.Dockerfile", "agent.Dockerfile"})
    void dockerfile_copiedSources_existInTheRepositoryOrAreBuildOutputs(String name) {
        Pattern copy = Pattern.compile("COPY --from=jars /src/(\\S+) ");
        for (String instruction : runtimeStage(name)) {
            Matcher m = copy.matcher(instruction);
            if (m.find()) {
                String source = m.group(1);
                if (source.contains("/target/")) {
                    String module = source.substring(0, source.indexOf('/'));
                    String jar = source.substring(source.lastIndexOf('/') + 1).replace(".jar", "");
                    assertThat(DockerDir.repository(module + "/pom.xml"))
                            .content(StandardCharsets.UTF_8)
                            .as("shade finalName of " + module)
                            .contains("<finalName>" + jar + "</finalName>");
                } else {
                    assertThat(DockerDir.repository(source)).exists();
                    if (instruction.contains(" /usr/bin/")) {
                        assertThat(Files.isExecutable(DockerDir.repository(source)))
                                .as(source + " is executable (COPY keeps the mode)")
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void collector_runtimeImage_isNonRootWithHealthCheckVolumesAndPorts() {
        List<String> runtime = runtimeStage("collector.Dockerfile");

        assertThat(runtime.get(0)).isEqualTo("FROM ${RUNTIME_IMAGE}");
        assertThat(DockerDir.read("collector.Dockerfile")).contains("ARG RUNTIME_IMAGE=debian:bookworm-slim");
        assertThat(runtime).anyMatch(i -> i.startsWith("RUN ") && i.contains("openjdk-17-jre-headless"));
        assertThat(runtime).anyMatch(i -> i.matches("USER (?!root|0)\\w+(:\\w+)?"));
        assertThat(runtime).anyMatch(i -> i.startsWith("HEALTHCHECK ") && i.contains("/healthz"));
        assertThat(runtime).contains("VOLUME [\"/var/lib/vigil\", \"/etc/vigil\"]", "EXPOSE 1883 8080 8883");
    }

    @Test
    void runtimeImages_firstStep_isTheSameJreInstallSoBothShareThatLayer() {
        String agent = runtimeStage("agent.Dockerfile").get(1);
        String collector = runtimeStage("collector.Dockerfile").get(1);

        assertThat(agent).startsWith("RUN ").contains("openjdk-17-jre-headless");
        assertThat(collector).isEqualTo(agent);
    }

    @Test
    void agent_runtimeImage_isDebianWithJre17AndLibpcapAndNeverSetcap() {
        String dockerfile = DockerDir.read("agent.Dockerfile");

        assertThat(dockerfile).contains("ARG RUNTIME_IMAGE=debian:bookworm-slim");
        assertThat(runtimeStage("agent.Dockerfile"))
                .anyMatch(
                        i -> i.startsWith("RUN ") && i.contains("openjdk-17-jre-headless") && i.contains("libpcap0.8"));
        assertThat(instructions("agent.Dockerfile")).noneMatch(i -> i.contains("setcap"));
        assertThat(runtimeStage("agent.Dockerfile"))
                .anyMatch(i -> i.startsWith("HEALTHCHECK ")
                        && i.contains("/dev/tcp/127.0.0.1/9108")
                        && i.contains("/healthz"));
        assertThat(dockerfile).contains("--network host").contains("--cap-drop ALL --cap-add NET_RAW");
    }
}
