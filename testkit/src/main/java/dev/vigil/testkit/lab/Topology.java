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
        if (plan.config().lanVlan() != 0) {
            buildTrunk();
        }
        plan.wans().forEach(this::buildWan);
        routeAgent();
        if (plan.config().internet()) {
            buildInternet();
        }
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
        boolean ispForwards = plan.config().internet() && !host.onLan() && host != Host.SWITCH;
        if (host == Host.ROUTER_A || host == Host.ROUTER_B || ispForwards) {
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
            if (host == Host.AGENT && plan.config().lanVlan() != 0) {
                ip(Host.SWITCH, "link", "set", port, "up"); // fed tagged frames by the VlanTagger
            } else {
                ip(Host.SWITCH, "link", "set", port, "master", LabPlan.BRIDGE, "up");
            }
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

    /** The bridge's port toward the VLAN trunk: what the bridge floods or forwards there, the tagger reads. */
    private void buildTrunk() {
        ip(
                Host.SWITCH,
                "link",
                "add",
                "name",
                LabPlan.TRUNK_BRIDGE_PORT,
                "type",
                "veth",
                "peer",
                "name",
                LabPlan.TRUNK_TAP);
        ip(Host.SWITCH, "link", "set", LabPlan.TRUNK_BRIDGE_PORT, "master", LabPlan.BRIDGE, "up");
        ip(Host.SWITCH, "link", "set", LabPlan.TRUNK_TAP, "up");
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

    /**
     * The INTERNET host behind every ISP, masquerade on the routers for traffic to it, and per-WAN source addresses
     * with policy routing on the agent (the set-up docs/wan-probes.md describes for a Pi).
     */
    private void buildInternet() {
        String internet = LabPlan.INTERNET_ADDRESS.getHostAddress();
        ip(Host.INTERNET, "addr", "add", internet + "/32", "dev", "lo");
        for (WanInfo wan : plan.wans()) {
            String peer = "isp" + wan.index();
            ip(
                    wan.isp(),
                    "link",
                    "add",
                    "name",
                    LabPlan.UPLINK_INTERFACE,
                    "type",
                    "veth",
                    "peer",
                    "name",
                    peer,
                    "netns",
                    plan.namespace(Host.INTERNET));
            ip(
                    wan.isp(),
                    "addr",
                    "add",
                    plan.uplinkIspAddress(wan).getHostAddress() + "/30",
                    "dev",
                    LabPlan.UPLINK_INTERFACE);
            ip(wan.isp(), "link", "set", LabPlan.UPLINK_INTERFACE, "up");
            ip(Host.INTERNET, "addr", "add", plan.uplinkInternetAddress(wan).getHostAddress() + "/30", "dev", peer);
            ip(Host.INTERNET, "link", "set", peer, "up");
            ip(
                    wan.isp(),
                    "route",
                    "add",
                    internet + "/32",
                    "via",
                    plan.uplinkInternetAddress(wan).getHostAddress());
            String link = plan.linkNetwork(wan) + "/30";
            ip(
                    Host.INTERNET,
                    "route",
                    "add",
                    link,
                    "via",
                    plan.uplinkIspAddress(wan).getHostAddress());

            String source = plan.agentSource(wan).getHostAddress();
            String table = String.valueOf(plan.agentTable(wan));
            ip(Host.AGENT, "addr", "add", source + "/24", "dev", LabPlan.LAN_INTERFACE);
            ip(Host.AGENT, "rule", "add", "from", source, "lookup", table);
            String router = plan.lanAddress(wan.router().host()).getHostAddress();
            ip(Host.AGENT, "route", "add", "default", "via", router, "table", table);
        }
        for (Host router : List.of(Host.ROUTER_A, Host.ROUTER_B)) {
            nft(router, "add table ip vigil_nat");
            nft(router, "add chain ip vigil_nat post { type nat hook postrouting priority 100 ; }");
            nft(router, "add rule ip vigil_nat post ip daddr " + internet + " masquerade");
        }
    }

    private void nft(Host host, String command) {
        shell.check(List.of("ip", "netns", "exec", plan.namespace(host), "nft", command));
    }

    private void ip(Host host, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", plan.namespace(host)));
        argv.addAll(List.of(args));
        shell.check(argv);
    }
}
