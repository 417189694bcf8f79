package dev.vigil.agent.vrrp.observe;

import dev.vigil.agent.vrrp.decode.Advert;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** What the observer remembers about one source advertising for a group. */
final class Speaker {
    final String source;
    int priority;
    int intervalMs;
    int version;
    String auth;
    List<String> addresses;
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
        addresses = List.copyOf(new TreeSet<>(a.addresses()));
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

    /** RFC 3768/5798 §6.4.3: higher priority wins, ties go to the higher primary address. */
    boolean outranks(Speaker other) {
        if (priority != other.priority) {
            return priority > other.priority;
        }
        return Timing.compareAddresses(source, other.source) > 0;
    }
}
