package dev.vigil.agent.run;

import dev.vigil.testkit.lab.Host;
import dev.vigil.testkit.lab.Router;
import dev.vigil.testkit.lab.SiteLab;
import dev.vigil.testkit.lab.WanInfo;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The agent config of the site lab's tests that run {@code vigil-agent run}: the lab's LAN and WANs, both routers'
 * simulated APIs, the wan-aware rule on {@code lan4}, a broker on loopback and an outbox in the lab's directory.
 */
final class LabAgentYaml {
    private LabAgentYaml() {}

    static String of(SiteLab lab, String site, int port, int portA, int portB, Path secret) {
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
