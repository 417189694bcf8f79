package dev.vigil.agent.probe.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Tells literal IP addresses from host names without touching DNS. */
public final class Addresses {
    private Addresses() {}

    /** The address when {@code text} is a literal IPv4/IPv6 address, else null. */
    public static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
