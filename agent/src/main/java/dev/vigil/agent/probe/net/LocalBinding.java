package dev.vigil.agent.probe.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * Where a TCP, HTTP or DNS probe's socket is bound so that policy routing on the agent host sends it out of one WAN:
 * the configured source address, or else the address of the configured interface in the target's family. Looked up
 * at every probe on the probe's thread, so it sees the interfaces of the namespace the probe runs in and follows an
 * interface that is re-created or re-addressed. The JDK's sockets cannot take SO_BINDTODEVICE, so an interface pins
 * a probe through its address (see docs/wan-probes.md, "binding TCP, HTTP and DNS probes").
 *
 * @param source the local address to bind; null = take it from the interface, or do not bind
 * @param iface the interface whose address to bind (and on which {@code source} must be); null = none
 */
public record LocalBinding(InetAddress source, String iface) {
    public static final LocalBinding NONE = new LocalBinding(null, null);

    /** The local address for a socket to {@code target}, or null when nothing is to be bound. */
    public InetSocketAddress localFor(InetAddress target) throws BindingUnavailableException {
        if (iface == null) {
            if (source != null && family(source) != family(target)) {
                throw new BindingUnavailableException("source address " + source.getHostAddress() + " is "
                        + family(source) + " and the target " + target.getHostAddress() + " is " + family(target));
            }
            return source == null ? null : new InetSocketAddress(source, 0);
        }
        List<InetAddress> addresses = addressesOf(iface);
        if (source != null) {
            if (!addresses.contains(source)) {
                throw new BindingUnavailableException("source address " + source.getHostAddress()
                        + " is not on interface " + iface + " (its addresses: " + shown(addresses) + ")");
            }
            return localFor(target, source);
        }
        InetAddress linkLocal = null;
        for (InetAddress a : addresses) {
            if (family(a) == family(target)) {
                if (!a.isLinkLocalAddress()) {
                    return new InetSocketAddress(a, 0);
                }
                linkLocal = linkLocal == null ? a : linkLocal;
            }
        }
        if (linkLocal != null && target.isLinkLocalAddress()) {
            return new InetSocketAddress(linkLocal, 0);
        }
        throw new BindingUnavailableException("interface " + iface + " has no " + family(target)
                + " address to send from (its addresses: " + shown(addresses) + ")");
    }

    private InetSocketAddress localFor(InetAddress target, InetAddress bound) throws BindingUnavailableException {
        return new LocalBinding(bound, null).localFor(target);
    }

    private static List<InetAddress> addressesOf(String name) throws BindingUnavailableException {
        NetworkInterface nif;
        try {
            nif = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new BindingUnavailableException("cannot read interface " + name + ": " + e.getMessage());
        }
        if (nif == null) {
            throw new BindingUnavailableException("interface " + name + " is gone");
        }
        return Collections.list(nif.getInetAddresses()).stream()
                .map(LocalBinding::withoutScope)
                .toList();
    }

    /** NetworkInterface gives IPv6 addresses with a scope; the config's literals have none. */
    private static InetAddress withoutScope(InetAddress a) {
        try {
            return a.isLinkLocalAddress() ? a : InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }

    static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    static String shown(List<InetAddress> addresses) {
        return addresses.isEmpty()
                ? "none"
                : String.join(
                        ", ",
                        addresses.stream().map(InetAddress::getHostAddress).toList());
    }

    @Override
    public String toString() {
        return iface == null
                ? source == null ? "any" : source.getHostAddress()
                : iface + (source == null ? "" : "/" + source.getHostAddress());
    }
}
