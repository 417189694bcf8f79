package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The INTERNET host behind both ISPs and the agent's per-WAN source addresses with policy routing. */
class SiteLabInternetTest {
    private static SiteLab lab;

    @BeforeAll
    static void startLab() {
        lab = SiteLab.builder()
                .wans(2)
                .internet(true)
                .advertInterval(Duration.ofMillis(300))
                .start();
    }

    @AfterAll
    static void closeLab() {
        lab.close();
    }

    @AfterEach
    void restore() {
        lab.restoreWan("wan1");
    }

    @Test
    void agentSource_eachWansSource_routedToTheRouterOwningThatWan() {
        String internet = lab.internetAddress().getHostAddress();
        for (WanInfo wan : lab.wans()) {
            String source = lab.agentSource(wan.name()).getHostAddress();
            String route = lab.exec(Host.AGENT, "ip", "route", "get", internet, "from", source)
                    .stdout();
            assertThat(route)
                    .as(wan.name())
                    .contains("via " + lab.address(wan.router().host()).getHostAddress());
            assertThat(pingFrom(source).ok()).as("ping from %s", source).isTrue();
        }
    }

    @Test
    void cutWan_wan1_onlyWan1sSourceLosesTheInternet() {
        String wan1 = lab.agentSource("wan1").getHostAddress();
        String wan2 = lab.agentSource("wan2").getHostAddress();
        lab.cutWan("wan1");
        ExecResult viaWan1 = pingFrom(wan1);
        assertThat(viaWan1.ok()).isFalse();
        assertThat(viaWan1.stdout()).contains("Destination Net Unreachable");
        assertThat(pingFrom(wan2).ok()).isTrue();
    }

    @Test
    void internetAddress_withoutTheOption_refusedNamingTheHost() {
        try (SiteLab plain = SiteLab.builder().startRouters(false).start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(plain::internetAddress)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("INTERNET is not part of this lab");
        }
    }

    private static ExecResult pingFrom(String source) {
        return lab.exec(
                Host.AGENT,
                "ping",
                "-n",
                "-c",
                "1",
                "-W",
                "1",
                "-I",
                source,
                lab.internetAddress().getHostAddress());
    }
}
