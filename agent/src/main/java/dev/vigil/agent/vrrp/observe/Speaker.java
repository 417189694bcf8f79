package dev.vigil.agent.vrrp.observe;

import dev.vigil.agent.vrrp.decode.Advert;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** What the observer remembers about one source advertising for a group. */
final class Speaker {
    final String source;
    int priority;
    int intervalMs;
    int version;
    String auth;
    List<String> addresses;
    /** The last advert's list as sent, so that sorting happens only when it changes. */
    private List<String> advertised;

    Instant runStart;
    Instant lastSeen;

    Speaker(String source) {
        this.source = source;
    }

    boolean resigned() {
        return priority == 0;
    }

    void update(Advert a) {
        priority = a.priority();
        intervalMs = a.intervalMs();
        version = a.version();
        auth = a.auth();
        if (!a.addresses().equals(advertised)) {
            advertised = a.addresses();
            addresses = List.copyOf(new TreeSet<>(advertised));
        }
        lastSeen = a.time();
    }

    Object field(String name) {
        return switch (name) {
            case "interval" -> intervalMs;
            case "addresses" -> addresses;
            case "version" -> version;
            default -> auth;
        };
    }

    /** The settings {@link #field} compares: interval, addresses, version, auth. */
    boolean sameSettings(Speaker other) {
        return intervalMs == other.intervalMs
                && version == other.version
                && Objects.equals(auth, other.auth)
                && Objects.equals(addresses, other.addresses);
    }

    /** RFC 3768/5798 §6.4.3: higher priority wins, ties go to the higher primary address. */
    boolean outranks(Speaker other) {
        if (priority != other.priority) {
            return priority > other.priority;
        }
        return Timing.compareAddresses(source, other.source) > 0;
    }
}
