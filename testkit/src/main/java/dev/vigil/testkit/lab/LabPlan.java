package dev.vigil.testkit.lab;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Names and addresses of one lab: pure data, no side effects. Documentation ranges only. */
final class LabPlan {
    static final String LAN_INTERFACE = "lan0";
    static final String BRIDGE = "br0";
    static final String ISP_INTERFACE = "cust0";
    static final String LAN_PREFIX = "192.0.2.0/24";
    static final InetAddress VIP = ip("192.0.2.1");
    static final InetAddress VIP6 = ip("2001:db8:1::1");
    static final String VIP6_LINK_LOCAL = "fe80::1";
    /** The INTERNET host's address (on its lo), outside every WAN's link and target range. */
    static final InetAddress INTERNET_ADDRESS = ip("203.0.113.250");
    /** ISP i's uplink to the INTERNET host: 203.0.113.(224 + 4(i-1))/30, ISP .1, INTERNET .2. */
    private static final int UPLINK_BASE = 224;

    static final String UPLINK_INTERFACE = "up0";

    private static final Map<Host, String> LAN4 =
            Map.of(Host.ROUTER_A, "192.0.2.2", Host.ROUTER_B, "192.0.2.3", Host.AGENT, "192.0.2.10");
    private static final Map<Host, String> LAN6 =
            Map.of(Host.ROUTER_A, "2001:db8:1::2", Host.ROUTER_B, "2001:db8:1::3", Host.AGENT, "2001:db8:1::10");
    /** Per WAN: the /30 link network and the first probe target, as "a.b.c." plus last octet. */
    private static final String[] WAN_NET = {"198.51.100.", "203.0.113.", "198.51.100."};

    private static final int[] WAN_LINK_BASE = {0, 0, 128};
    private static final int[] WAN_TARGET_BASE = {65, 65, 193};

    private final LabConfig config;
    private final String prefix;
    private final List<WanInfo> wans;

    LabPlan(LabConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
        List<WanInfo> list = new ArrayList<>();
        for (int i = 1; i <= config.wans(); i++) {
            list.add(wan(i, config.targetsPerWan()));
        }
        this.wans = List.copyOf(list);
    }

    LabConfig config() {
        return config;
    }

    /** The namespace prefix shared by all hosts of this lab, e.g. {@code vgl4242x1-}. */
    String prefix() {
        return prefix;
    }

    String namespace(Host host) {
        return prefix + host.shortName();
    }

    /** Hosts of this lab in creation order: the switch first, ISPs only for configured WANs. */
    List<Host> hosts() {
        List<Host> hosts = new ArrayList<>(List.of(Host.SWITCH, Host.ROUTER_A, Host.ROUTER_B, Host.AGENT));
        wans.forEach(w -> hosts.add(w.isp()));
        if (config.internet()) {
            hosts.add(Host.INTERNET);
        }
        return hosts;
    }

    List<Host> lanHosts() {
        return List.of(Host.ROUTER_A, Host.ROUTER_B, Host.AGENT);
    }

    InetAddress lanAddress(Host host) {
        requireLan(host);
        return ip(LAN4.get(host));
    }

    InetAddress lanAddress6(Host host) {
        requireLan(host);
        return ip(LAN6.get(host));
    }

    /** The switch's VLAN trunk toward the agent: port tk on the bridge, its veth peer tkx read by the tagger. */
    static final String TRUNK_BRIDGE_PORT = "tk";

    static final String TRUNK_TAP = "tkx";

    /** The agent's source address for probes pinned to WAN {@code index}: 192.0.2.(10 + index). */
    InetAddress agentSource(WanInfo wan) {
        return ip("192.0.2." + (10 + wan.index()));
    }

    /** Policy routing table of the agent for WAN {@code index}. */
    int agentTable(WanInfo wan) {
        return 100 + wan.index();
    }

    /** The WAN link's /30 network address (the router's address is the first host in it). */
    String linkNetwork(WanInfo wan) {
        byte[] network = wan.routerAddress().getAddress();
        network[3] &= (byte) 0xFC;
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    InetAddress uplinkIspAddress(WanInfo wan) {
        return ip("203.0.113." + (UPLINK_BASE + 4 * (wan.index() - 1) + 1));
    }

    InetAddress uplinkInternetAddress(WanInfo wan) {
        return ip("203.0.113." + (UPLINK_BASE + 4 * (wan.index() - 1) + 2));
    }

    List<WanInfo> wans() {
        return wans;
    }

    WanInfo wan(String name) {
        return wans.stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown WAN '" + name + "'; this lab has "
                        + wans.stream().map(WanInfo::name).collect(Collectors.joining(", "))));
    }

    List<WanInfo> wansOf(Router router) {
        return wans.stream().filter(w -> w.router() == router).collect(Collectors.toList());
    }

    private static WanInfo wan(int index, int targetCount) {
        String net = WAN_NET[index - 1];
        int link = WAN_LINK_BASE[index - 1];
        List<InetAddress> targets = new ArrayList<>();
        for (int t = 0; t < targetCount; t++) {
            targets.add(ip(net + (WAN_TARGET_BASE[index - 1] + t)));
        }
        return new WanInfo(
                "wan" + index,
                index,
                Router.owningWan(index),
                "wan" + index,
                ip(net + (link + 1)),
                Host.isp(index),
                ISP_INTERFACE,
                ip(net + (link + 2)),
                targets);
    }

    private static void requireLan(Host host) {
        if (!host.onLan()) {
            throw new IllegalArgumentException(
                    host + " has no LAN address; LAN hosts are " + "ROUTER_A, ROUTER_B, AGENT");
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
