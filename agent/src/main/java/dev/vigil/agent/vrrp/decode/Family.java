package dev.vigil.agent.vrrp.decode;

/** The IP family a VRRP advert travels in; its name is the wire name used in events ({@code IPv4}, {@code IPv6}). */
public enum Family {
    IPv4,
    IPv6
}
