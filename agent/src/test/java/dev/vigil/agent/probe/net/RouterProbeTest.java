package dev.vigil.agent.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.PingResult;
import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.RouterPinger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Method router against a stand-in for the RouterOS client (the real one lands with the RouterOS issue). */
class RouterProbeTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private ProbeResult probe(RouterPinger pinger) throws Exception {
        RouterProbe probe =
                new RouterProbe(pinger, "router-a", InetAddress.getByName("198.51.100.65"), "ether1", timer);
        return probe.probe(TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void probe_routerGotReply_okWithItsRtt() throws Exception {
        AtomicReference<String> asked = new AtomicReference<>();
        ProbeResult r = probe((router, target, via, timeout) -> {
            asked.set(router + " " + target.getHostAddress() + " " + via + " " + timeout.toMillis());
            return CompletableFuture.completedFuture(new PingResult(1, 1, Duration.ofMillis(12), null));
        });
        assertThat(r).isEqualTo(ProbeResult.success(Duration.ofMillis(12), "198.51.100.65"));
        assertThat(asked).hasValue("router-a 198.51.100.65 ether1 300");
    }

    @Test
    void probe_noReply_failsNamingTheRouter() throws Exception {
        ProbeResult r = probe((a, b, c, d) -> CompletableFuture.completedFuture(new PingResult(1, 0, null, null)));
        assertThat(r.error()).isEqualTo("router router-a: no reply within 300 ms");
    }

    @Test
    void probe_apiError_failsWithIt() throws Exception {
        ProbeResult r =
                probe((a, b, c, d) -> CompletableFuture.completedFuture(new PingResult(0, 0, null, "not logged in")));
        assertThat(r.error()).isEqualTo("router router-a: not logged in");
    }

    @Test
    void probe_pingerNeverAnswers_failsAfterTimeoutPlusGrace() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = probe((a, b, c, d) -> new CompletableFuture<>());
        assertThat(r.error()).isEqualTo("router router-a gave no ping result within 1300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(1_200), Duration.ofSeconds(3));
    }

    @Test
    void probe_pingerThrows_failsWithReason() throws Exception {
        ProbeResult r = probe((a, b, c, d) -> {
            throw new IllegalStateException("session closed");
        });
        assertThat(r.error()).isEqualTo("router router-a cannot ping: session closed");
    }
}
