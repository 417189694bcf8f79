package dev.vigil.testkit.lab;

/** The machines of the site lab; each one is a network namespace. */
public enum Host {
    ROUTER_A("ra"),
    ROUTER_B("rb"),
    AGENT("ag"),
    ISP1("i1"),
    ISP2("i2"),
    ISP3("i3"),
    /** Beyond the ISPs, reachable over every WAN; only with {@code SiteLabBuilder.internet(true)}. */
    INTERNET("in"),
    SWITCH("sw");

    private final String shortName;

    Host(String shortName) {
        this.shortName = shortName;
    }

    /** Two letters used in namespace names and in the switch's port names. */
    public String shortName() {
        return shortName;
    }

    /** True for the hosts with a leg on the LAN bridge (routers and agent). */
    public boolean onLan() {
        return this == ROUTER_A || this == ROUTER_B || this == AGENT;
    }

    /** The ISP host of WAN {@code index} (1..3). */
    public static Host isp(int index) {
        switch (index) {
            case 1:
                return ISP1;
            case 2:
                return ISP2;
            case 3:
                return ISP3;
            default:
                throw new IllegalArgumentException("no ISP host for WAN " + index + "; the lab has WANs 1..3");
        }
    }
}
