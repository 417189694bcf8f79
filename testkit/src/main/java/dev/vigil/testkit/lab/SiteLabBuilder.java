package dev.vigil.testkit.lab;

import java.time.Duration;

/** Settings of a site lab; {@link #start()} builds it. Defaults: VRRPv3, IPv4 only, VRID 10, 1 s, A=150, B=100. */
public final class SiteLabBuilder {
    private int vrrpVersion = 3;
    private boolean ipv6;
    private int vrid = 10;
    private int vrid6 = 20;
    private Duration advertInterval = Duration.ofSeconds(1);
    private int priorityA = 150;
    private int priorityB = 100;
    private int wans = 2;
    private int targetsPerWan = 3;
    private boolean startRouters = true;
    private boolean internet;
    private int lanVlan;

    SiteLabBuilder() {}

    public SiteLabBuilder vrrpVersion(int version) {
        this.vrrpVersion = version;
        return this;
    }

    /** Adds a VRRPv3 IPv6 instance (VRID {@link #vrid6(int)}) with 2001:db8:1::/64 on the LAN. */
    public SiteLabBuilder ipv6(boolean enabled) {
        this.ipv6 = enabled;
        return this;
    }

    public SiteLabBuilder vrid(int vrid) {
        this.vrid = vrid;
        return this;
    }

    public SiteLabBuilder vrid6(int vrid) {
        this.vrid6 = vrid;
        return this;
    }

    /** VRRPv2: whole seconds; VRRPv3: centiseconds. */
    public SiteLabBuilder advertInterval(Duration interval) {
        this.advertInterval = interval;
        return this;
    }

    public SiteLabBuilder priority(Router router, int priority) {
        if (router == Router.A) {
            priorityA = priority;
        } else {
            priorityB = priority;
        }
        return this;
    }

    /** 1..3 WANs; WAN i is attached to router A for odd i, B for even i. */
    public SiteLabBuilder wans(int count) {
        this.wans = count;
        return this;
    }

    public SiteLabBuilder targetsPerWan(int count) {
        this.targetsPerWan = count;
        return this;
    }

    /**
     * When false, {@link #start()} builds the network but leaves keepalived stopped, so a test can watch the very
     * first election after {@link SiteLab#startRouter(Router)}. Default true: start() returns once a master is
     * elected.
     */
    public SiteLabBuilder startRouters(boolean start) {
        this.startRouters = start;
        return this;
    }

    /**
     * Adds the INTERNET host, reachable over every WAN (its address {@link SiteLab#internetAddress()}), masquerade on
     * the routers' WANs for traffic to it, and one source address per WAN on the agent with policy routing to the
     * router owning the WAN ({@link SiteLab#agentSource(String)}): probes bound to that address leave by that WAN.
     */
    public SiteLabBuilder internet(boolean enabled) {
        this.internet = enabled;
        return this;
    }

    /**
     * Makes the agent's switch port an 802.1Q trunk of VLAN {@code id}: every frame of the LAN (VRRP adverts included)
     * reaches the agent's lan0 tagged; routers stay untagged on their access ports. The agent cannot send on it (it has
     * no 802.1Q device): for watching VRRP on a tagged LAN. 0 (the default): the agent's port is untagged.
     */
    public SiteLabBuilder lanVlan(int id) {
        this.lanVlan = id;
        return this;
    }

    public LabConfig config() {
        return new LabConfig(
                vrrpVersion,
                ipv6,
                vrid,
                vrid6,
                advertInterval,
                priorityA,
                priorityB,
                wans,
                targetsPerWan,
                startRouters,
                internet,
                lanVlan);
    }

    /**
     * Builds the lab: namespaces, bridge, links, addresses, routes and keepalived.
     *
     * @throws dev.vigil.testkit.PrerequisiteMissingException when not root or a tool is missing and cannot be
     *     installed
     */
    public SiteLab start() {
        return SiteLab.start(config());
    }
}
