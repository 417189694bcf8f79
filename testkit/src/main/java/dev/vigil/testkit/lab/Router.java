package dev.vigil.testkit.lab;

/** The two VRRP routers of the site. */
public enum Router {
    A(Host.ROUTER_A),
    B(Host.ROUTER_B);

    private final Host host;

    Router(Host host) {
        this.host = host;
    }

    public Host host() {
        return host;
    }

    /** The router that owns WAN {@code index}: odd WANs on A, even WANs on B. */
    public static Router owningWan(int index) {
        return index % 2 == 1 ? A : B;
    }
}
