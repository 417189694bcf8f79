package dev.vigil.agent.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.testing.TwoHostNet;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a TCP probe says when the far side answers its SYN with an ICMP error or a reset (nftables reject). */
class NetProbeErrorsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static TwoHostNet net;
    private static ExecutorService inAgent;
    private static ScheduledExecutorService timer;

    @BeforeAll
    static void setUp() {
        net = new TwoHostNet();
        inAgent = Executors.newCachedThreadPool(net.agentThreads());
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void tearDown() {
        inAgent.shutdownNow();
        timer.shutdownNow();
        net.close();
    }

    @AfterEach
    void restore() {
        net.restore();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "icmp type host-unreachable | host unreachable (ICMP host unreachable or administratively prohibited,"
                        + " or no route here)",
                "icmp type admin-prohibited | host unreachable (ICMP host unreachable or administratively prohibited,"
                        + " or no route here)",
                "icmp type net-unreachable | network unreachable (ICMP net unreachable from a router, or no route here)",
                "icmp type port-unreachable | connection refused (a TCP reset, or ICMP port unreachable)",
                "tcp reset | connection refused (a TCP reset, or ICMP port unreachable)",
            })
    void tcp_synRejected_reasonNamesWhatCameBack(String reject, String reason) throws Exception {
        net.rejectWith(TwoHostNet.TARGETS[0], reject);
        TcpConnectProbe probe = new TcpConnectProbe(TwoHostNet.TARGETS[0], 443, LocalBinding.NONE, inAgent, timer);
        ProbeResult r = probe.probe(TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r.error()).isEqualTo(reason);
    }
}
