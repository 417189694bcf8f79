package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sniff} on a veth in a namespace of its own, as typed (plain java), then the veth is deleted under it. */
class SniffInterfaceGoneTest {
    @TempDir
    Path dir;

    @Test
    void sniff_interfaceDeletedWhileCapturing_oneLineErrorExit1() throws Exception {
        Prerequisites.requireRoot("a network namespace with a veth");
        Prerequisites.requireCommand("ip", "iproute2");
        Prerequisites.requirePackage("libpcap0.8");
        String ns = "vs" + ProcessHandle.current().pid() % 100000 + "-gone";
        Process sniff = null;
        try {
            ip("netns", "add", ns);
            ip("netns", "exec", ns, "ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
            ip("netns", "exec", ns, "ip", "link", "set", "d0", "up");
            ip("netns", "exec", ns, "ip", "link", "set", "d1", "up");
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    AgentMain.class.getName(),
                    "sniff",
                    "--interface",
                    "d0"));
            sniff = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("out").toFile())
                    .redirectError(dir.resolve("err").toFile())
                    .start();
            Process running = sniff;
            // The namespace is new: its first packet socket is the sniffer's capture, open and bound to d0.
            await().atMost(Duration.ofSeconds(60)).until(() -> packetSockets(running) > 0);

            ip("netns", "exec", ns, "ip", "link", "del", "d0");

            assertThat(sniff.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err"), UTF_8);
            assertThat(sniff.exitValue()).as(err).isEqualTo(1);
            // The capture's socket exists a moment before it is bound to d0: a deletion in that moment is
            // reported as the interface missing, in one line, with the same exit code.
            List<String> lines = err.lines().toList();
            assertThat(lines).as(err).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            assertThat(lines.get(0))
                    .as(err)
                    .matches("vigil-agent: (d0: capture failed: .*|interface d0 does not exist: .*)");
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            if (sniff != null) {
                sniff.descendants().forEach(ProcessHandle::destroyForcibly);
                sniff.destroyForcibly();
                sniff.waitFor(30, TimeUnit.SECONDS);
            }
            try {
                ip("netns", "del", ns);
            } catch (IllegalStateException alreadyGone) {
                // not created
            }
        }
    }

    /** Packet sockets in the sniffer's namespace, seen through the deepest process of its tree. */
    private static long packetSockets(Process sniff) throws IOException {
        List<ProcessHandle> tree = new ArrayList<>(List.of(sniff.toHandle()));
        sniff.descendants().forEach(tree::add);
        Path table = Path.of("/proc", Long.toString(tree.get(tree.size() - 1).pid()), "net", "packet");
        return Files.exists(table) ? Files.readAllLines(table, UTF_8).size() - 1L : 0;
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
