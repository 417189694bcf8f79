package dev.vigil.agent.routeros;

import dev.vigil.testkit.routeros.RouterOsSim;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calls/s and latency of the binary API client against the simulator on loopback, 1 and 8 commands in flight on one
 * session, compared with a raw TCP echo round trip of the same sentence size measured in the same run.
 */
@Tag("bench")
class ApiClientBench {
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Command COMMAND = Command.print("/interface/vrrp", VrrpInstance.PROPLIST, "name=vrrp1");

    @Test
    void apiClient_loopbackSimulator_callsPerSecondAndP99() throws Exception {
        double[] echo = echoBaseline(WordCodec.encodeSentence(COMMAND.words()).length);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-28s %12s %10s %10s %8s", "case", "ops/s", "p50 µs", "p99 µs", "ratio"));
        rows.add(row("raw TCP echo (baseline)", echo, echo[0]));
        try (RouterOsSim sim = SimFixture.sim(RouterOsSim.Options.defaults());
                RouterOsClient client = RouterOsClient.create(SimFixture.config(sim, "vigil"))) {
            SimFixture.await(client.call(COMMAND));
            for (int inFlight : new int[] {1, 8}) {
                run(client, inFlight, WARMUP_NANOS);
                double[] r = run(client, inFlight, MEASURE_NANOS);
                rows.add(row("API print, " + inFlight + " in flight", r, echo[0]));
            }
        }
        rows.forEach(System.out::println);
    }

    private static String row(String name, double[] r, double baseline) {
        return String.format(Locale.ROOT, "%-28s %12.0f %10.0f %10.0f %8.2f", name, r[0], r[1], r[2], r[0] / baseline);
    }

    /** {ops/s, p50 µs, p99 µs}. */
    private static double[] run(RouterOsClient client, int inFlight, long nanos) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + nanos;
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            lanes.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    client.call(COMMAND).toCompletableFuture().join();
                    latencies.add(System.nanoTime() - t);
                }
            }));
        }
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
                .get(nanos + 30_000_000_000L, TimeUnit.NANOSECONDS);
        return stats(latencies, System.nanoTime() - start);
    }

    private static double[] echoBaseline(int size) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buffer = new byte[size];
                    while (true) {
                        new DataInputStream(in).readFully(buffer);
                        out.write(buffer);
                        out.flush();
                    }
                } catch (Exception e) {
                    // client closed: done
                }
            });
            echo.setDaemon(true);
            echo.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] payload = new byte[size];
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                for (long phase : new long[] {WARMUP_NANOS, MEASURE_NANOS}) {
                    latencies.clear();
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < phase) {
                        long t = System.nanoTime();
                        s.getOutputStream().write(payload);
                        in.readFully(payload);
                        latencies.add(System.nanoTime() - t);
                    }
                    if (phase == MEASURE_NANOS) {
                        return stats(latencies, System.nanoTime() - start);
                    }
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static double[] stats(ConcurrentLinkedQueue<Long> latencies, long elapsed) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double perSecond = sorted.length / (elapsed / 1e9);
        return new double[] {perSecond, sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3};
    }
}
