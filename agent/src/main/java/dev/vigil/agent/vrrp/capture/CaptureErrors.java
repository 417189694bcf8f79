package dev.vigil.agent.vrrp.capture;

import java.util.Locale;

/** libpcap's error texts turned into one line that says what to do. */
final class CaptureErrors {
    private CaptureErrors() {}

    static CaptureException explain(String iface, String message, Throwable cause) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no such device")) {
            return new CaptureException(
                    "interface " + iface + " does not exist: pick one listed by `ip -br link` (" + m + ")", cause);
        }
        if (lower.contains("permission") || lower.contains("not permitted")) {
            return new CaptureException(
                    "no permission to capture on " + iface + " (CAP_NET_RAW missing): run as root or with "
                            + "AmbientCapabilities=CAP_NET_RAW (" + m + ")",
                    cause);
        }
        if (lower.contains("down") || lower.contains("not up")) {
            return new CaptureException(
                    "interface " + iface + " is down: ip link set " + iface + " up (" + m + ")", cause);
        }
        return new CaptureException("cannot capture on " + iface + ": " + m, cause);
    }

    /** JNA lists every path it tried, one per line: the first line says enough and the error stays one line. */
    static CaptureException libpcapMissing(String loaderMessage, Throwable cause) {
        String first = loaderMessage == null
                ? "not found"
                : loaderMessage.lines().findFirst().orElse("not found");
        return new CaptureException(
                "cannot load libpcap (" + first.strip().replaceFirst(":$", "")
                        + "): install it with apt-get install libpcap0.8",
                cause);
    }
}
