package dev.vigil.testkit.lab;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the lab network with iproute2: namespaces, the LAN bridge inside the switch namespace, veth legs, addresses
 * and routes. Every link is created inside a lab namespace; the root namespace only gains the namespace names.
 */
final class Topology {
    private final LabPlan plan;
    private final Shell shell;

    Topology(LabPlan plan, Shell shell) {
        this.plan = plan;
        this.shell = shell;
    }

    void build() {
        for (Host host : plan.hosts()) {
            shell.check(List.of("ip", "netns", "add", plan.namespace(host)));
            ip(host, "link", "set", "lo", "up");
            shell.check(sysctls(host));
        }
        buildLan();
        plan.wans().forEach(this::buildWan);
        routeAgent();
    }

    /** Re-installs the router's routes over a WAN; link-down removed them. */
    void routeWan(WanInfo wan) {
        Host router = wan.router().host();
        String isp = wan.ispAddress().getHostAddress();
        if (plan.wansOf(wan.router()).get(0).equals(wan)) {
            ip(router, "route", "replace", "default", "via", isp);
        }
        for (InetAddress target : wan.targets()) {
            ip(router, "route", "replace", target.getHostAddress() + "/32", "via", isp);
        }
    }

    void setWanLink(WanInfo wan, boolean up) {
        ip(wan.router().host(), "link", "set", wan.routerInterface(), up ? "up" : "down");
    }

    private List<String> sysctls(Host host) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", plan.namespace(host), "sysctl", "-q", "-w"));
        argv.add("net.ipv4.ping_group_range=0 2147483647");
        argv.add("net.ipv6.conf.all.accept_dad=0");
        argv.add("net.ipv6.conf.default.accept_dad=0");
        if (host == Host.ROUTER_A || host == Host.ROUTER_B) {
            argv.add("net.ipv4.ip_forward=1");
        }
        return argv;
    }

    private void buildLan() {
        ip(Host.SWITCH, "link", "add", "name", LabPlan.BRIDGE, "type", "bridge", "mcast_snooping", "0");
        ip(Host.SWITCH, "link", "set", LabPlan.BRIDGE, "up");
        for (Host host : plan.lanHosts()) {
            String port = host.shortName();
            ip(
                    Host.SWITCH,
                    "link",
                    "add",
                    "name",
                    port,
                    "type",
                    "veth",
                    "peer",
                    "name",
                    LabPlan.LAN_INTERFACE,
                    "netns",
                    plan.namespace(host));
            ip(Host.SWITCH, "link", "set", port, "master", LabPlan.BRIDGE, "up");
            ip(host, "link", "set", LabPlan.LAN_INTERFACE, "up");
            ip(host, "addr", "add", plan.lanAddress(host).getHostAddress() + "/24", "dev", LabPlan.LAN_INTERFACE);
            if (plan.config().ipv6()) {
                ip(
                        host,
                        "-6",
                        "addr",
                        "add",
                        plan.lanAddress6(host).getHostAddress() + "/64",
                        "dev",
                        LabPlan.LAN_INTERFACE,
                        "nodad");
            }
        }
    }

    private void buildWan(WanInfo wan) {
        Host router = wan.router().host();
        ip(
                router,
                "link",
                "add",
                "name",
                wan.routerInterface(),
                "type",
                "veth",
                "peer",
                "name",
                wan.ispInterface(),
                "netns",
                plan.namespace(wan.isp()));
        ip(router, "addr", "add", wan.routerAddress().getHostAddress() + "/30", "dev", wan.routerInterface());
        ip(router, "link", "set", wan.routerInterface(), "up");
        ip(wan.isp(), "addr", "add", wan.ispAddress().getHostAddress() + "/30", "dev", wan.ispInterface());
        ip(wan.isp(), "link", "set", wan.ispInterface(), "up");
        for (InetAddress target : wan.targets()) {
            ip(wan.isp(), "addr", "add", target.getHostAddress() + "/32", "dev", "lo");
        }
        ip(
                wan.isp(),
                "route",
                "add",
                LabPlan.LAN_PREFIX,
                "via",
                wan.routerAddress().getHostAddress());
        routeWan(wan);
    }

    /** Default route via the VIP; each WAN's ISP and targets pinned to the router that owns the WAN. */
    private void routeAgent() {
        ip(Host.AGENT, "route", "add", "default", "via", LabPlan.VIP.getHostAddress());
        for (WanInfo wan : plan.wans()) {
            String via = plan.lanAddress(wan.router().host()).getHostAddress();
            ip(Host.AGENT, "route", "add", wan.ispAddress().getHostAddress() + "/32", "via", via);
            for (InetAddress target : wan.targets()) {
                ip(Host.AGENT, "route", "add", target.getHostAddress() + "/32", "via", via);
            }
        }
    }

    private void ip(Host host, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", plan.namespace(host)));
        argv.addAll(List.of(args));
        shell.check(argv);
    }
}
