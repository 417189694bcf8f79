package dev.vigil.testkit.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Immutable settings of one site lab, validated as a whole: every problem is reported in one message. */
public record LabConfig(
        int vrrpVersion,
        boolean ipv6,
        int vrid,
        int vrid6,
        Duration advertInterval,
        int priorityA,
        int priorityB,
        int wans,
        int targetsPerWan,
        boolean startRouters,
        boolean internet,
        int lanVlan) {
    public static final int MAX_TARGETS_PER_WAN = 16;

    public LabConfig {
        List<String> errors = new ArrayList<>();
        if (vrrpVersion != 2 && vrrpVersion != 3) {
            errors.add("vrrpVersion " + vrrpVersion + ": must be 2 or 3");
        }
        checkRange(errors, "vrid", vrid, 1, 255);
        checkRange(errors, "vrid6", vrid6, 1, 255);
        checkRange(errors, "priority of router A", priorityA, 1, 254);
        checkRange(errors, "priority of router B", priorityB, 1, 254);
        checkRange(errors, "wans", wans, 1, 3);
        checkRange(errors, "targetsPerWan", targetsPerWan, 1, MAX_TARGETS_PER_WAN);
        checkInterval(errors, vrrpVersion, advertInterval);
        if (lanVlan != 0) {
            checkRange(errors, "lanVlan", lanVlan, 1, 4094);
            if (internet) {
                errors.add("lanVlan with internet: the agent only listens on the tagged LAN, it cannot route over it");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid site lab settings: " + String.join("; ", errors));
        }
    }

    public int priority(Router router) {
        return router == Router.A ? priorityA : priorityB;
    }

    private static void checkRange(List<String> errors, String what, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(what + " " + value + ": must be " + min + ".." + max);
        }
    }

    private static void checkInterval(List<String> errors, int version, Duration interval) {
        if (interval == null) {
            errors.add("advertInterval is missing");
            return;
        }
        long millis = interval.toMillis();
        if (version == 2 && (millis % 1000 != 0 || millis < 1000 || millis > 255_000)) {
            errors.add("advertInterval " + interval + ": VRRPv2 takes whole seconds 1..255");
        } else if (version == 3 && (millis % 10 != 0 || millis < 10 || millis > 40_950)) {
            errors.add("advertInterval " + interval + ": VRRPv3 takes centiseconds 0.01..40.95 s");
        }
    }
}
