package dev.vigil.agent.vrrp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.testing.RecommendedJvmFlags;
import dev.vigil.agent.vrrp.capture.CaptureAccess;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real agent jar running {@code sniff --interface IF --json} in a lab namespace with the JVM flags the docs
 * recommend, optionally confined to some CPUs ({@code taskset}, like systemd's {@code CPUAffinity=}); every stdout
 * line is stamped with the wall clock at which this JVM read it.
 */
final class AgentSniffProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/vigil-agent.jar");
    static final List<String> JVM_FLAGS = RecommendedJvmFlags.unlessOverriddenBy("vigil.bench.agent.flags");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Line(Instant arrival, JsonNode json) {}

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private AgentSniffProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "agent-sniff-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param cpus a taskset CPU list such as {@code 0} or {@code 0-3}, or null to leave the placement to the kernel */
    static AgentSniffProcess start(String namespace, String iface, String cpus, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR.toAbsolutePath() + " is missing: build it with mvn -B -q -pl agent -am package -DskipTests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        if (cpus != null) {
            argv.addAll(List.of("taskset", "--cpu-list", cpus));
        }
        argv.add(java);
        argv.addAll(JVM_FLAGS);
        argv.addAll(List.of("-jar", JAR.toString(), "sniff", "--interface", iface, "--json"));
        return new AgentSniffProcess(new ProcessBuilder(argv)
                .redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start());
    }

    /** Reads at real-time priority (like the agent's capture thread) so that the stamp is not a second wake-up lag. */
    private void read() {
        CaptureAccess.realtimeCurrentThread();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Instant arrival = Instant.now();
                lines.add(new Line(arrival, MAPPER.readTree(line)));
            }
        } catch (IOException e) {
            // the agent was stopped
        }
    }

    List<Line> lines(String type) {
        return lines.stream()
                .filter(l -> l.json().path("type").asText().equals(type))
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
