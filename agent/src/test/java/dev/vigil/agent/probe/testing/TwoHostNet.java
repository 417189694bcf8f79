package dev.vigil.agent.probe.testing;

import java.util.concurrent.ThreadFactory;

/**
 * An agent namespace and an "isp" namespace joined by a veth pair: agent {@code wan0} 198.51.100.1/24 and
 * 2001:db8:1::1/64, isp {@code isp0} 198.51.100.2/24 and 2001:db8:1::2/64, the targets 198.51.100.65–67 and
 * 2001:db8:2::65 on the isp's loopback, routed from the agent via the isp. Cut, loss and the interface vanishing are
 * nftables rules and link commands.
 */
public final class TwoHostNet implements AutoCloseable {
    public static final String[] TARGETS = {"198.51.100.65", "198.51.100.66", "198.51.100.67"};
    public static final String TARGET_V6 = "2001:db8:2::65";
    public static final String AGENT_ADDRESS = "198.51.100.1";
    public static final String WAN_INTERFACE = "wan0";
    /** Routed from the agent to the isp, held by nobody: see {@link #sendWithTtlOne()}. */
    public static final String TTL_ONE_TARGET = "198.51.100.78";

    private final Netns agent;
    private final Netns isp;

    public TwoHostNet() {
        agent = Netns.create("agent");
        isp = Netns.create("isp");
        try {
            agent.exec("sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647");
            agent.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
            isp.exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
            isp.exec("sysctl", "-qw", "net.ipv4.icmp_ratelimit=0");
            isp.exec("sysctl", "-qw", "net.ipv6.icmp.ratelimit=0");
            plugWan();
            for (String t : TARGETS) {
                isp.exec("ip", "addr", "add", t + "/32", "dev", "lo");
            }
            isp.exec("ip", "-6", "addr", "add", TARGET_V6 + "/128", "dev", "lo");
            isp.exec("nft", "add table inet vp");
            isp.exec("nft", "add chain inet vp in { type filter hook input priority 0 ; }");
            isp.exec("nft", "add chain inet vp out { type filter hook output priority 0 ; }");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Creates the veth pair and the agent's addresses and routes (again, after {@link #unplugWan}). */
    public void plugWan() {
        agent.exec("ip", "link", "add", WAN_INTERFACE, "type", "veth", "peer", "name", "isp0", "netns", isp.name());
        agent.exec("ip", "addr", "add", AGENT_ADDRESS + "/24", "dev", WAN_INTERFACE);
        agent.exec("ip", "-6", "addr", "add", "2001:db8:1::1/64", "dev", WAN_INTERFACE, "nodad");
        agent.exec("ip", "link", "set", WAN_INTERFACE, "up");
        agent.exec("ip", "route", "add", "198.51.100.64/28", "via", "198.51.100.2");
        agent.exec("ip", "-6", "route", "add", "2001:db8:2::/64", "via", "2001:db8:1::2");
        isp.exec("ip", "link", "set", "isp0", "up");
        isp.exec(
                "sh",
                "-c",
                "ip addr add 198.51.100.2/24 dev isp0 2>/dev/null; "
                        + "ip -6 addr add 2001:db8:1::2/64 dev isp0 nodad 2>/dev/null; true");
    }

    /** Deletes the agent's WAN interface (both ends of the pair vanish). */
    public void unplugWan() {
        agent.exec("ip", "link", "del", WAN_INTERFACE);
    }

    public void cut() {
        isp.exec("nft", "add rule inet vp in meta iifname isp0 drop comment cut");
    }

    public void restore() {
        isp.exec("nft", "flush chain inet vp in");
        isp.exec("nft", "flush chain inet vp out");
        isp.exec("sh", "-c", "ip route del " + TTL_ONE_TARGET + "/32 2>/dev/null; true");
        agent.exec("sh", "-c", "nft delete table ip vpttl 2>/dev/null; true");
    }

    /** The isp answers packets to {@code target} as nftables' {@code reject with WHAT} does. */
    public void rejectWith(String target, String what) {
        isp.exec("nft", "add rule inet vp in ip daddr " + target + " reject with " + what);
    }

    /**
     * Makes packets to {@link #TTL_ONE_TARGET} leave the agent with TTL 1 (nftables) and the isp forward them on: the
     * isp's TTL check comes first, so it answers with ICMP time exceeded, as a router on a long path would.
     */
    public void sendWithTtlOne() {
        agent.exec("nft", "add table ip vpttl");
        agent.exec("nft", "add chain ip vpttl out { type filter hook output priority 0 ; }");
        agent.exec("nft", "add rule ip vpttl out ip daddr " + TTL_ONE_TARGET + " ip ttl set 1");
        isp.exec("sysctl", "-qw", "net.ipv4.ip_forward=1");
        isp.exec("ip", "route", "replace", TTL_ONE_TARGET + "/32", "via", "198.51.100.3");
    }

    /** Makes replies from {@code target} arrive with another source address (a stranger answering). */
    public void answerFromElsewhere(String target, String stranger) {
        isp.exec("nft", "add rule inet vp out ip saddr " + target + " icmp type echo-reply ip saddr set " + stranger);
    }

    public ThreadFactory agentThreads() {
        return agent.threads();
    }

    public Netns agent() {
        return agent;
    }

    public Netns isp() {
        return isp;
    }

    @Override
    public void close() {
        agent.close();
        isp.close();
    }
}
