package dev.vigil.agent.probe.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.agent.probe.ProbeResult;
import dev.vigil.agent.probe.testing.TwoHostNet;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IcmpChannelTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static TwoHostNet net;
    private static ExecutorService inAgent;
    private static ScheduledExecutorService timer;
    private final List<IcmpChannel> channels = new ArrayList<>();

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
    void closeChannels() {
        channels.forEach(IcmpChannel::close);
        net.restore();
        net.agent().exec("sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647");
    }

    private IcmpChannel channel(boolean v6, String device, String source) throws Exception {
        IcmpChannel c = new IcmpChannel(
                v6, device, source == null ? null : InetAddress.getByName(source), net.agentThreads(), timer);
        channels.add(c);
        return c;
    }

    private static <T> T inAgent(Callable<T> task) throws Exception {
        return inAgent.submit(task).get(10, TimeUnit.SECONDS);
    }

    private static ProbeResult echo(IcmpChannel c, String target) throws Exception {
        InetAddress address = InetAddress.getByName(target);
        return inAgent(() -> c.echo(address, TIMEOUT)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void echo_v4Target_answersOverPingSocket() throws Exception {
        IcmpChannel c = channel(false, null, null);
        ProbeResult r = echo(c, TwoHostNet.TARGETS[0]);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.rtt()).isPositive().isLessThan(TIMEOUT);
        assertThat(r.responder()).isEqualTo(TwoHostNet.TARGETS[0]);
        assertThat(c.raw()).isFalse();
    }

    @Test
    void echo_v6Target_answers() throws Exception {
        IcmpChannel c = channel(true, null, null);
        ProbeResult r = echo(c, TwoHostNet.TARGET_V6);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.responder())
                .isEqualTo(InetAddress.getByName(TwoHostNet.TARGET_V6).getHostAddress());
    }

    @Test
    void echo_manyAtOnceOnOneSocket_eachReplyMatchedToItsRequest() throws Exception {
        IcmpChannel c = channel(false, TwoHostNet.WAN_INTERFACE, TwoHostNet.AGENT_ADDRESS);
        List<CompletableFuture<ProbeResult>> all = inAgent(() -> {
            List<CompletableFuture<ProbeResult>> fs = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                fs.add(c.echo(InetAddress.getByName(TwoHostNet.TARGETS[i % 3]), Duration.ofSeconds(2)));
            }
            return fs;
        });
        for (int i = 0; i < all.size(); i++) {
            ProbeResult r = all.get(i).get(5, TimeUnit.SECONDS);
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.responder()).isEqualTo(TwoHostNet.TARGETS[i % 3]);
        }
    }

    @Test
    void echo_linkCut_timesOutWithReasonAfterTimeout() throws Exception {
        IcmpChannel c = channel(false, null, null);
        net.cut();
        long start = System.nanoTime();
        ProbeResult r = echo(c, TwoHostNet.TARGETS[1]);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("no reply within 400 ms");
        assertThat(tookMs).isBetween(350L, 1500L);
    }

    @Test
    void echo_targetRejectedWithHostUnreachable_failsNamingTypeCodeAndSender() throws Exception {
        net.rejectWith(TwoHostNet.TARGETS[1], "icmp type host-unreachable");
        IcmpChannel c = channel(false, null, null);
        long start = System.nanoTime();
        ProbeResult r = echo(c, TwoHostNet.TARGETS[1]);
        assertThat(r.error())
                .isEqualTo("ICMP destination unreachable (host unreachable, code 1) from " + TwoHostNet.TARGETS[1]);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("before the timeout")
                .isLessThan(TIMEOUT);
        assertThat(echo(c, TwoHostNet.TARGETS[0]).ok())
                .as("the socket still answers")
                .isTrue();
    }

    @Test
    void echo_targetAdminProhibited_failsNamingIt() throws Exception {
        net.rejectWith(TwoHostNet.TARGETS[2], "icmp type admin-prohibited");
        ProbeResult r = echo(channel(false, null, null), TwoHostNet.TARGETS[2]);
        assertThat(r.error())
                .startsWith("ICMP destination unreachable (communication administratively prohibited, code 13) from ");
    }

    @Test
    void echo_ttlRunsOut_failsWithTimeExceeded() throws Exception {
        net.sendWithTtlOne();
        ProbeResult r = echo(channel(false, null, null), TwoHostNet.TTL_ONE_TARGET);
        assertThat(r.error()).isEqualTo("ICMP time exceeded (TTL exceeded in transit) from 198.51.100.2");
    }

    @Test
    void echo_replyFromAnotherHost_isRejected() throws Exception {
        IcmpChannel c = channel(false, null, null);
        net.answerFromElsewhere(TwoHostNet.TARGETS[2], "198.51.100.99");
        ProbeResult r = echo(c, TwoHostNet.TARGETS[2]);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("came from 198.51.100.99, not the target");
        assertThat(echo(c, TwoHostNet.TARGETS[0]).ok()).isTrue();
    }

    @Test
    void echo_pingSocketsRefused_fallsBackToRawSocket() throws Exception {
        net.agent().exec("sysctl", "-qw", "net.ipv4.ping_group_range=1 0");
        IcmpChannel c = channel(false, null, null);
        ProbeResult r = echo(c, TwoHostNet.TARGETS[0]);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(c.raw()).isTrue();
    }

    @Test
    void echo_unknownInterface_failsNamingIt() throws Exception {
        ProbeResult r = echo(channel(false, "nosuch0", null), TwoHostNet.TARGETS[0]);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("interface nosuch0 is gone");
    }

    @Test
    void echo_sourceNotOnHost_failsNamingIt() throws Exception {
        ProbeResult r = echo(channel(false, null, "198.51.100.200"), TwoHostNet.TARGETS[0]);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo("source address 198.51.100.200 is not on this host");
    }

    @Test
    void echo_interfaceVanishesAndComesBack_failsThenAnswersAgain() throws Exception {
        IcmpChannel c = channel(false, TwoHostNet.WAN_INTERFACE, null);
        assertThat(echo(c, TwoHostNet.TARGETS[0]).ok()).isTrue();
        net.unplugWan();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                ProbeResult r = echo(c, TwoHostNet.TARGETS[0]);
                assertThat(r.error()).isEqualTo("interface wan0 is gone");
            });
        } finally {
            net.plugWan();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(echo(c, TwoHostNet.TARGETS[0]).ok()).isTrue());
    }
}
