package dev.vigil.agent.probe;

import dev.vigil.agent.config.ConfigNode;
import java.util.List;
import java.util.Optional;

/** The {@code wans} and {@code checks} sections of the agent config. Keys and defaults: {@code docs/wan-probes.md}. */
public record ProbeConfig(List<WanConfig> wans, List<CheckConfig> checks) {
    public ProbeConfig {
        wans = List.copyOf(wans);
        checks = List.copyOf(checks);
    }

    /** Reads {@code wans} and {@code checks} below the config root; every bad value is recorded on the node. */
    public static ProbeConfig parse(ConfigNode root) {
        return new ProbeConfigParser(false).parse(root);
    }

    /**
     * Like {@link #parse}, and every {@code interface} and {@code source} must also exist on this host, in the network
     * namespace of the calling thread (what {@code check-config}, {@code run} and {@code probe} use).
     */
    public static ProbeConfig parseForThisHost(ConfigNode root) {
        return new ProbeConfigParser(true).parse(root);
    }

    public Optional<WanConfig> wan(String name) {
        return wans.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
