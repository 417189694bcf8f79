package dev.vigil.agent.probe;

import dev.vigil.agent.config.ConfigNode;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Checks that the interface and source address a WAN or check binds to exist on this host (in the network namespace
 * of the calling thread), so that {@code check-config} and {@code run} refuse a config naming {@code eth9} or an
 * address the host does not have, instead of starting probes that can only fail.
 */
final class HostBindings {
    private HostBindings() {}

    static void check(ConfigNode node, String iface, InetAddress source) {
        List<InetAddress> onInterface = null;
        if (iface != null) {
            NetworkInterface nif = byName(iface);
            if (nif == null) {
                node.problem("interface", iface, "no such interface on this host (it has: " + interfaceNames() + ")");
            } else {
                onInterface = Collections.list(nif.getInetAddresses());
            }
        }
        if (source == null) {
            return;
        }
        if (onInterface != null) {
            if (!contains(onInterface, source)) {
                node.problem(
                        "source",
                        source.getHostAddress(),
                        "is not an address of interface " + iface + " (its addresses: " + shown(onInterface) + ")");
            }
        } else if (iface == null && !onThisHost(source)) {
            node.problem(
                    "source",
                    source.getHostAddress(),
                    "is not an address of this host (its addresses: " + shown(allAddresses()) + ")");
        }
    }

    private static NetworkInterface byName(String name) {
        try {
            return NetworkInterface.getByName(name);
        } catch (SocketException e) {
            return null;
        }
    }

    private static boolean onThisHost(InetAddress address) {
        return contains(allAddresses(), address);
    }

    private static boolean contains(List<InetAddress> addresses, InetAddress wanted) {
        for (InetAddress a : addresses) {
            if (java.util.Arrays.equals(a.getAddress(), wanted.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static List<NetworkInterface> interfaces() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static String interfaceNames() {
        List<String> names = new ArrayList<>();
        interfaces().forEach(n -> names.add(n.getName()));
        Collections.sort(names);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static List<InetAddress> allAddresses() {
        List<InetAddress> all = new ArrayList<>();
        interfaces().forEach(n -> all.addAll(Collections.list(n.getInetAddresses())));
        return all;
    }

    private static String shown(List<InetAddress> addresses) {
        List<String> texts = new ArrayList<>();
        for (InetAddress a : addresses) {
            String text = a.getHostAddress();
            int scope = text.indexOf('%');
            texts.add(scope < 0 ? text : text.substring(0, scope));
        }
        return texts.isEmpty() ? "none" : String.join(", ", texts);
    }
}
