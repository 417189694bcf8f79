package dev.vigil.agent.run;

import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.FreePorts;
import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import dev.vigil.testkit.lab.WanInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the site lab's tests that run {@code vigil-agent run} share: its broker and its config. */
final class AgentInLab {
    private AgentInLab() {}

    /**
     * Starts mosquitto on loopback in the agent's namespace and, once it answers, a subscriber that writes every
     * message of {@code site} to {@code dir/published.txt}. Returns the broker's port.
     */
    static int startBroker(SiteLab lab, Path dir, String site) throws IOException {
        int port = FreePorts.next();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n", StandardCharsets.UTF_8);
        lab.spawn(Host.AGENT, List.of("mosquitto", "-c", conf.toString()), dir.resolve("mosquitto.log"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> lab.exec(Host.AGENT, "mosquitto_pub", "-p", "" + port, "-t", "x", "-m", "1")
                                .exitCode()
                        == 0);
        lab.spawn(
                Host.AGENT,
                List.of("mosquitto_sub", "-p", "" + port, "-v", "-t", "vigil/v1/sites/" + site + "/#"),
                dir.resolve("published.txt"));
        return port;
    }

    /**
     * The agent config: the lab's LAN and WANs, both routers' simulated APIs, the wan-aware rule on {@code lan4}, the
     * broker on loopback and an outbox in the lab's directory.
     */
    static String yaml(SiteLab lab, String site, int port, int portA, int portB, Path secret) {
        StringBuilder out = new StringBuilder("site: " + site + "\n");
        out.append("vrrp: {interfaces: [").append(lab.lanInterface(Host.AGENT)).append("]}\n");
        out.append("wans:\n");
        for (WanInfo wan : lab.wans()) {
            out.append("  - {name: ")
                    .append(wan.name())
                    .append(", router: ")
                    .append(wan.router() == Router.A ? "router-a" : "router-b")
                    .append(", method: icmp, interval: 200ms, up_hold: 1s, window: 5s, targets: [")
                    .append(wan.targets().stream()
                            .map(InetAddress::getHostAddress)
                            .collect(Collectors.joining(", ")))
                    .append("]}\n");
        }
        String router =
                "  - {name: %s, host: %s, port: %d, username: vigil, password_file: %s, poll_interval: 500ms}\n";
        out.append("routers:\n")
                .append(String.format(
                        Locale.ROOT,
                        router,
                        "router-a",
                        lab.address(Host.ROUTER_A).getHostAddress(),
                        portA,
                        secret))
                .append(String.format(
                        Locale.ROOT,
                        router,
                        "router-b",
                        lab.address(Host.ROUTER_B).getHostAddress(),
                        portB,
                        secret));
        out.append("policy: {wan_aware_vrrp: {vrrp_interface: lan4, demote_to: 50, restore_hold: 30s}}\n");
        out.append("mqtt: {url: 'tcp://127.0.0.1:").append(port).append("'}\n");
        out.append("outbox: {dir: '")
                .append(lab.directory().resolve("agent-outbox"))
                .append("'}\n");
        out.append("http: {listen: '127.0.0.1:0'}\n");
        return out.toString();
    }
}
