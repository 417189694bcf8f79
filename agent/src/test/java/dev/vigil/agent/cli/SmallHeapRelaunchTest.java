package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.vrrp.testing.Fixtures;
import dev.vigil.testkit.Prerequisites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallHeapRelaunchTest {
    private static final String[] REPLAY = {"replay", "x.pcap", "--json"};

    @TempDir
    Path dir;

    @Test
    void wanted_plainReplayOrSniff_true() {
        assertThat(SmallHeapRelaunch.wanted(REPLAY, List.of("-Dfoo=1"), Map.of(), null))
                .isTrue();
        assertThat(SmallHeapRelaunch.wanted(new String[] {"sniff", "-i", "eth0"}, List.of(), Map.of(), null))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx1g", "-Xms32m", "-XX:MaxRAMPercentage=10", "-XX:+UseG1GC", "-XX:MaxHeapSize=1g"})
    void wanted_userChoseHeapOrCollector_false(String option) {
        assertThat(SmallHeapRelaunch.wanted(REPLAY, List.of(option), Map.of(), null))
                .isFalse();
        assertThat(SmallHeapRelaunch.wanted(REPLAY, List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Dx=1 " + option), null))
                .isFalse();
    }

    @Test
    void wanted_otherCommandsOrTurnedOff_false() {
        assertThat(SmallHeapRelaunch.wanted(new String[] {"run"}, List.of(), Map.of(), null))
                .isFalse();
        assertThat(SmallHeapRelaunch.wanted(new String[] {"check-config", "a.yaml"}, List.of(), Map.of(), null))
                .isFalse();
        assertThat(SmallHeapRelaunch.wanted(new String[0], List.of(), Map.of(), null))
                .isFalse();
        assertThat(SmallHeapRelaunch.wanted(REPLAY, List.of(), Map.of(), "false"))
                .isFalse();
    }

    @Test
    void jvmOptions_jarOrMainClass_onlyTheOptionsBeforeThem() {
        assertThat(SmallHeapRelaunch.jvmOptions(new String[] {"java", "-Dx=1", "-jar", "a.jar", "replay", "-Xmx1g"}))
                .containsExactly("-Dx=1");
        assertThat(SmallHeapRelaunch.jvmOptions(new String[] {"java", "-cp", "a:b", "-Xss1m", "dev.Main", "-Xmx1g"}))
                .containsExactly("-Xss1m");
    }

    @Test
    void command_oursThenTheUsersThenTheSameMainAndArguments() {
        List<String> command = SmallHeapRelaunch.command("/j/bin/java", "a.jar", List.of("-Dx=1"), REPLAY);

        List<String> expected = new ArrayList<>(List.of("/j/bin/java"));
        expected.addAll(SmallHeapRelaunch.OPTIONS);
        expected.addAll(List.of(
                "-Dvigil.relaunch=false",
                "-Dx=1",
                "-cp",
                "a.jar",
                "dev.vigil.agent.cli.AgentMain",
                "replay",
                "x.pcap",
                "--json"));
        assertThat(command).isEqualTo(expected);
    }

    @Test
    void replay_plainJava_sameStdoutStderrAndExitCodeAsInProcess() throws Exception {
        String capture = Fixtures.capture("tcpdump_vrrp_routeros-6.10.pcap").toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLineRun inProcess = new CommandLineRun(out, err);
        int inProcessCode = inProcess.run("replay", capture, "--json");

        Process p = plainJava("replay", capture, "--json");

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(inProcessCode).isZero();
        assertThat(Files.readString(dir.resolve("out"), UTF_8)).isEqualTo(out.toString());
        assertThat(Files.readString(dir.resolve("err"), UTF_8)).isEqualTo(err.toString());
    }

    @Test
    void replay_plainJavaMissingFile_oneLineErrorAndExit1() throws Exception {
        Process p = plainJava("replay", dir.resolve("nope.pcap").toString());

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err"), UTF_8)).startsWith("vigil-agent: " + dir.resolve("nope.pcap"));
    }

    @Test
    void sniff_plainJava_runsInASmallHeapChildAndPassesSigtermAndItsExitCodeOn() throws Exception {
        Prerequisites.requireRoot("capturing on lo");
        Prerequisites.requirePackage("libpcap0.8");
        Process p = plainJava("sniff", "--interface", "lo", "--json");
        List<ProcessHandle> started = new ArrayList<>();
        try {
            ProcessHandle child = await().atMost(Duration.ofSeconds(60))
                    .until(() -> relaunchedChild(p), Optional::isPresent)
                    .orElseThrow();
            started.add(child);
            assertThat(child.info().arguments().orElseThrow()).contains("-Xmx64m", "-XX:+UseSerialGC");

            p.destroy(); // SIGTERM to the launcher only

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.isAlive()).isFalse();
            assertThat(p.exitValue()).isEqualTo(143);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            started.forEach(ProcessHandle::destroyForcibly); // an orphan no longer counts among p's descendants
            p.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> relaunchedChild(Process p) {
        return p.children()
                .filter(c ->
                        c.info().arguments().map(List::of).orElse(List.of()).contains("-Dvigil.relaunch=false"))
                .findFirst();
    }

    /** {@code java -cp CLASSPATH AgentMain ARGS} with no JVM option at all, as a user would type it. */
    private Process plainJava(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        for (String name : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(name);
        }
        return pb.start();
    }

    private record CommandLineRun(StringWriter out, StringWriter err) {
        int run(String... args) {
            picocli.CommandLine cli = AgentMain.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        }
    }
}
