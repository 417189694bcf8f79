package dev.vigil.agent.vrrp.bench;

import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.testkit.Prerequisites;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * libpcap from C ({@code src/test/c/pcap_latency.c}, compiled here at run time), opened like the agent's capture, in a
 * lab namespace: the baseline without a JVM. Each frame is one {@link Frame}.
 */
final class NativeCaptureProbe implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/c/pcap_latency.c");

    /** @param deliveryMicros wall clock when pcap_next_ex returned minus the capture timestamp */
    record Frame(long captureMicros, long deliveryMicros, long asleepMicros, String source) {}

    private final Process process;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private NativeCaptureProbe(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "native-capture-probe");
        reader.setDaemon(true);
        reader.start();
    }

    static Path compile(Path outputDir) throws IOException, InterruptedException {
        Path gcc = Prerequisites.requireCommand("gcc", "gcc");
        Prerequisites.requirePackage("libpcap-dev");
        Files.createDirectories(outputDir);
        Path binary = outputDir.resolve("pcap_latency");
        Process cc = new ProcessBuilder(
                        gcc.toString(), "-O2", "-Wall", "-o", binary.toString(), SOURCE.toString(), "-lpcap")
                .redirectErrorStream(true)
                .start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            throw new IllegalStateException("cannot compile " + SOURCE + ": " + out);
        }
        return binary;
    }

    /** @param realtime run the probe with SCHED_FIFO priority 1 (chrt), like the agent's capture thread */
    static NativeCaptureProbe start(Path binary, String namespace, String iface, boolean realtime, Path log)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        if (realtime) {
            argv.addAll(List.of("chrt", "--fifo", "1"));
        }
        argv.addAll(List.of(binary.toString(), iface, PacketSource.FILTER));
        Process p = new ProcessBuilder(argv)
                .redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        NativeCaptureProbe probe = new NativeCaptureProbe(p);
        if (!probe.ready.await(10, TimeUnit.SECONDS)) {
            probe.close();
            throw new IllegalStateException("the C capture probe did not start: see " + log);
        }
        return probe;
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("ready")) {
                    ready.countDown();
                    continue;
                }
                String[] f = line.split(" ");
                frames.add(new Frame(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
            }
        } catch (IOException e) {
            // the probe was stopped
        }
    }

    List<Frame> frames() {
        return frames;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
