package dev.vigil.agent.probe.icmp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Explains why ping sockets are refused, with the sysctl that lets them through. */
final class PingPermission {
    static final String SNIPPET = "/etc/sysctl.d/60-vigil-ping.conf";

    private PingPermission() {}

    static String refusedMessage(String rawError) {
        return "ICMP ping sockets are refused: net.ipv4.ping_group_range is '" + groupRange()
                + "', which does not include this process's group (gid " + gid() + "), and the raw ICMP fallback "
                + "is refused too (" + rawError + "; it needs CAP_NET_RAW). Fix: install the sysctl snippet "
                + "shipped with the agent as " + SNIPPET + " (net.ipv4.ping_group_range = 0 2147483647) and run "
                + "'sysctl --system', or run the agent with AmbientCapabilities=CAP_NET_RAW";
    }

    /** The sysctl's value; read as a stream because Files.readString stops early on this procfs file. */
    static String groupRange() {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ping_group_range"))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .trim()
                    .replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String gid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII).stream()
                    .filter(l -> l.startsWith("Gid:"))
                    .map(l -> l.split("\\s+")[2])
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
