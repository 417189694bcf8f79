package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's network: WANs pinned to their router, WAN faults, threads and commands inside namespaces. */
class SiteLabNetworkTest {
    private static SiteLab lab;

    @BeforeAll
    static void startLab() {
        lab = SiteLab.builder().wans(3).advertInterval(Duration.ofMillis(300)).start();
    }

    @AfterAll
    static void closeLab() {
        lab.close();
    }

    @Test
    void wans_threeWans_oddOnRouterAEvenOnRouterB() {
        assertThat(lab.wan("wan1").router()).isEqualTo(Router.A);
        assertThat(lab.wan("wan2").router()).isEqualTo(Router.B);
        assertThat(lab.wan("wan3").router()).isEqualTo(Router.A);
        for (WanInfo wan : lab.wans()) {
            String via = lab.address(wan.router().host()).getHostAddress();
            for (var target : wan.targets()) {
                ExecResult route = lab.exec(Host.AGENT, "ip", "route", "get", target.getHostAddress());
                assertThat(route.stdout()).contains("via " + via);
                assertThat(ping(target.getHostAddress()).ok())
                        .as("%s target %s", wan.name(), target)
                        .isTrue();
            }
        }
    }

    @Test
    void cutWan_wan1_targetsUnreachableVrrpUnchanged_restoreWanBringsThemBack() {
        WanInfo wan1 = lab.wan("wan1");
        String target = wan1.targets().get(0).getHostAddress();
        assertThat(ping(target).ok()).isTrue();

        lab.cutWan("wan1");
        assertThat(ping(target).ok()).isFalse();
        assertThat(ping(lab.wan("wan2").targets().get(0).getHostAddress()).ok()).isTrue();
        assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
        assertThat(lab.vrrpState(Router.B)).isEqualTo("BACKUP");

        lab.restoreWan("wan1");
        await().atMost(Duration.ofSeconds(5)).until(() -> ping(target).ok());
        assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
        assertThat(lab.exec(Host.ROUTER_A, "ip", "route", "show", "default").stdout())
                .contains("via " + wan1.ispAddress().getHostAddress());
    }

    @Test
    void setWanLoss_hundredPercent_dropsEverything_zeroRemovesTheRule() {
        String target = lab.wan("wan2").targets().get(1).getHostAddress();
        lab.setWanLoss("wan2", 100);
        assertThat(ping(target).ok()).isFalse();
        assertThat(lab.exec(Host.ISP2, "nft", "list", "ruleset").stdout()).contains("vigil_loss");

        lab.setWanLoss("wan2", 0);
        assertThat(ping(target).ok()).isTrue();
        assertThat(lab.exec(Host.ISP2, "nft", "list", "ruleset").stdout()).doesNotContain("vigil_loss");
    }

    @Test
    void setWanLoss_halfLoss_someButNotAllEchoesAnswered() {
        String target = lab.wan("wan3").targets().get(2).getHostAddress();
        lab.setWanLoss("wan3", 50);
        try {
            ExecResult r = lab.exec(Host.AGENT, "ping", "-n", "-q", "-c", "40", "-i", "0.01", "-W", "1", target);
            assertThat(lab.exec(Host.ISP3, "nft", "list", "ruleset").stdout()).contains("numgen random mod 100 < 50");
            // each echo crosses the lossy link twice: ~25 % answered; 40 echoes all lost or all answered is ~1e-5
            assertThat(r.stdout()).containsPattern("40 packets transmitted, ([1-9]|[1-3][0-9]) received");
        } finally {
            lab.setWanLoss("wan3", 0);
        }
    }

    @Test
    void runIn_serverOnIspAndClientOnAgent_connectAcrossTheLabNetwork() throws Exception {
        var target = lab.wan("wan1").targets().get(0);
        try (ServerSocket server = lab.runIn(Host.ISP1, () -> new ServerSocket(0, 5, target))) {
            try (Socket client = lab.runIn(Host.AGENT, () -> {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(target, server.getLocalPort()), 2000);
                return s;
            })) {
                assertThat(client.getLocalAddress()).isEqualTo(lab.address(Host.AGENT));
            }
        }
    }

    @Test
    void newThreadFactory_agent_threadsRunInTheAgentNamespace() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(lab.newThreadFactory(Host.AGENT));
        try {
            String threadNs = executor.submit(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"))
                            .toString())
                    .get(5, TimeUnit.SECONDS);
            Object inode = Files.getAttribute(Path.of("/run/netns", lab.namespace(Host.AGENT)), "unix:ino");
            assertThat(threadNs).isEqualTo("net:[" + inode + "]");
            assertThat(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"))
                            .toString())
                    .isNotEqualTo(threadNs);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void exec_commandRunsPastTimeout_isKilledAndReportsTimedOut() {
        long t0 = System.nanoTime();
        ExecResult r = lab.exec(Host.AGENT, Duration.ofMillis(300), "sleep", "30");
        assertThat(r.exitCode()).isEqualTo(ExecResult.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void runIn_taskThrows_exceptionReachesTheCaller() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lab.runIn(Host.AGENT, () -> {
                    throw new IOException("boom");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("boom");
    }

    @Test
    void console_badInput_answeredAndLabKeepsRunning() {
        java.io.StringWriter text = new java.io.StringWriter();
        LabConsole console = new LabConsole(lab, new java.io.PrintWriter(text, true));
        assertThat(console.execute("state")).isTrue();
        assertThat(console.execute("bogus")).isTrue();
        assertThat(console.execute("prio b 300")).isTrue();
        assertThat(console.execute("loss wan9 10")).isTrue();
        assertThat(console.execute("stop c")).isTrue();
        assertThat(console.execute("quit")).isFalse();
        assertThat(text.toString())
                .contains("router A: MASTER (priority 150)")
                .contains("unknown command 'bogus'")
                .contains("rejected: priority 300: must be 1..254")
                .contains("rejected: unknown WAN 'wan9'; this lab has wan1, wan2, wan3")
                .contains("rejected: router 'c': a or b");
        assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
    }

    private static ExecResult ping(String target) {
        return lab.exec(Host.AGENT, "ping", "-n", "-q", "-c", "1", "-W", "1", target);
    }
}
