package dev.vigil.agent.vrrp;

import dev.vigil.agent.config.ConfigNode;
import dev.vigil.agent.vrrp.observe.ObserverSettings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code vrrp:} section of the agent config.
 *
 * <pre>
 * vrrp:
 *   interfaces: [eth0]                  # where to sniff; none = VRRP observer off
 *   flapping: {changes: 4, window: 60s} # that many master changes within the window = vrrp.flapping
 *   invalid_every: 10s                  # at most one vrrp.invalid per interface and reason per period
 * </pre>
 */
public record VrrpConfig(List<String> interfaces, int flappingChanges, Duration flappingWindow, Duration invalidEvery) {
    public static final int DEFAULT_FLAPPING_CHANGES = 4;
    public static final Duration DEFAULT_FLAPPING_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INVALID_EVERY = Duration.ofSeconds(10);

    public VrrpConfig {
        interfaces = List.copyOf(interfaces);
    }

    public static VrrpConfig of(String... interfaces) {
        return new VrrpConfig(
                List.of(interfaces), DEFAULT_FLAPPING_CHANGES, DEFAULT_FLAPPING_WINDOW, DEFAULT_INVALID_EVERY);
    }

    /** Reads the section; problems are recorded on the node (an absent section is an observer with no interfaces). */
    public static VrrpConfig parse(ConfigNode node) {
        node.allowOnly("interfaces", "flapping", "invalid_every");
        List<String> interfaces = node.strings("interfaces");
        for (String iface : interfaces) {
            if (!iface.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                node.problem("interfaces", iface, "must be an interface name (1 to 15 letters, digits, . _ - : @)");
            }
        }
        ConfigNode flapping = node.child("flapping");
        flapping.allowOnly("changes", "window");
        int changes = flapping.integer("changes", DEFAULT_FLAPPING_CHANGES, 2, 1000);
        Duration window =
                flapping.duration("window", DEFAULT_FLAPPING_WINDOW, Duration.ofSeconds(1), Duration.ofHours(24));
        Duration invalidEvery =
                node.duration("invalid_every", DEFAULT_INVALID_EVERY, Duration.ofMillis(100), Duration.ofHours(1));
        return new VrrpConfig(interfaces, changes, window, invalidEvery);
    }

    public ObserverSettings observerSettings() {
        ObserverSettings d = ObserverSettings.DEFAULTS;
        return new ObserverSettings(
                flappingChanges, flappingWindow, invalidEvery, d.maxGroups(), d.maxSpeakersPerGroup());
    }
}
