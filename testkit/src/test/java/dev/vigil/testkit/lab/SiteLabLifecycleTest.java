package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up, clean-up and sweeping of leftovers. */
class SiteLabLifecycleTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);

    @Test
    void close_runningLab_removesNamespacesProcessesAndFiles() {
        SiteLab lab = SiteLab.builder().advertInterval(INTERVAL).start();
        List<String> namespaces = List.of(lab.namespace(Host.SWITCH), lab.namespace(Host.ROUTER_A));
        List<Long> pids = pidsIn(lab.namespace(Host.ROUTER_A));
        Path dir = lab.directory();
        assertThat(pids).isNotEmpty();
        assertThat(netnsList()).containsAll(namespaces);

        lab.close();
        lab.close();

        assertThat(netnsList()).doesNotContainAnyElementsOf(namespaces).noneMatch(n -> n.startsWith(lab.prefix()));
        assertThat(pids).noneMatch(SiteLabLifecycleTest::running);
        assertThat(dir).doesNotExist();
        assertThat(lab.isClosed()).isTrue();
    }

    @Test
    void start_twoLabsOneAfterTheOther_eachElectsAndLeavesNothing() {
        String firstPrefix;
        try (SiteLab first = SiteLab.builder().advertInterval(INTERVAL).start()) {
            firstPrefix = first.prefix();
            assertThat(first.master()).contains(Router.A);
        }
        try (SiteLab second = SiteLab.builder()
                .advertInterval(INTERVAL)
                .priority(Router.A, 90)
                .start()) {
            assertThat(second.prefix()).isNotEqualTo(firstPrefix);
            assertThat(second.master()).contains(Router.B);
            assertThat(netnsList()).noneMatch(n -> n.startsWith(firstPrefix));
        }
        assertThat(netnsList()).noneMatch(n -> n.startsWith(firstPrefix));
    }

    @Test
    void start_twoLabsAtOnce_faultsInOneDoNotReachTheOther() {
        try (SiteLab one = SiteLab.builder().advertInterval(INTERVAL).start();
                SiteLab two = SiteLab.builder().advertInterval(INTERVAL).start()) {
            assertThat(one.namespace(Host.SWITCH)).isNotEqualTo(two.namespace(Host.SWITCH));
            two.splitBrain(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> two.vrrpState(Router.B), "MASTER"::equals);
            assertThat(one.vrrpState(Router.B)).isEqualTo("BACKUP");
            assertThat(one.exec(Host.AGENT, "ping", "-n", "-c", "1", "-W", "1", "198.51.100.65")
                            .ok())
                    .isTrue();
        }
    }

    @Test
    void start_leftoverOfDeadProcess_isSweptWithItsProcesses() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        String leftover = "vgl" + gone.pid() + "x1-ra";
        run("ip", "netns", "add", leftover);
        Process sleeper = new ProcessBuilder("ip", "netns", "exec", leftover, "sleep", "600").start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !pidsIn(leftover).isEmpty());

        try (SiteLab lab =
                SiteLab.builder().advertInterval(INTERVAL).startRouters(false).start()) {
            assertThat(netnsList()).doesNotContain(leftover).contains(lab.namespace(Host.AGENT));
            assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            sleeper.destroyForcibly();
            run("ip", "netns", "del", leftover);
        }
    }

    @Test
    void start_vrrpV2WithIpv6_bothInstancesElectRouterA() {
        try (SiteLab lab = SiteLab.builder().vrrpVersion(2).ipv6(true).start()) {
            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                assertThat(lab.vrrpState(Router.A)).isEqualTo("MASTER");
                assertThat(lab.vrrpState6(Router.A)).isEqualTo("MASTER");
                assertThat(lab.vrrpState6(Router.B)).isEqualTo("BACKUP");
            });
            String addresses = lab.exec(Host.ROUTER_A, "ip", "-6", "-o", "addr", "show", "dev", "lan0")
                    .stdout();
            assertThat(addresses).contains("2001:db8:1::1/64").contains("fe80::1/64");
            assertThat(lab.exec(Host.AGENT, "ping", "-n", "-c", "1", "-W", "2", "2001:db8:1::1")
                            .ok())
                    .isTrue();
            String conf = readString(lab.keepalivedConfig(Router.A));
            assertThat(conf).contains("version 2").contains("version 3").contains("advert_int 1");
        }
    }

    @Test
    void startRouters_false_noKeepalivedUntilStartRouter() {
        try (SiteLab lab =
                SiteLab.builder().advertInterval(INTERVAL).startRouters(false).start()) {
            assertThat(lab.isRouterRunning(Router.A)).isFalse();
            assertThat(lab.vrrpState(Router.A)).isEqualTo("UNKNOWN");
            lab.startRouter(Router.B);
            await().atMost(Duration.ofSeconds(5)).until(() -> lab.vrrpState(Router.B), "MASTER"::equals);
            lab.startRouter(Router.A);
            await().atMost(Duration.ofSeconds(5)).until(() -> lab.vrrpState(Router.A), "MASTER"::equals);
            await().atMost(Duration.ofSeconds(5)).until(() -> lab.vrrpState(Router.B), "BACKUP"::equals);
        }
    }

    private static List<String> netnsList() {
        return LabJanitor.namespaces("");
    }

    private static List<Long> pidsIn(String namespace) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "pids", namespace).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            p.waitFor(5, TimeUnit.SECONDS);
            return out.lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Neither running nor sleeping: gone, or a zombie waiting for init to reap it. */
    private static boolean running(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
