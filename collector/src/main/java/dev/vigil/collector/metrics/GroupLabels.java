package dev.vigil.collector.metrics;

import dev.vigil.protocol.SiteState.VrrpGroupView;

/** The {@code interface}, {@code family} and {@code vrid} labels of a VRRP group. */
record GroupLabels(String iface, String family, String vrid) {

    static GroupLabels of(VrrpGroupView g) {
        return new GroupLabels(
                g.iface() + (g.vlan() == null ? "" : "." + g.vlan()), g.family(), Integer.toString(g.vrid()));
    }

    /** From an event subject {@code vrrp/{interface}/{family}/{vrid}}; null when it is not one. */
    static GroupLabels ofSubject(String subject) {
        String[] parts = subject.split("/", -1);
        if (parts.length != 4 || !parts[0].equals("vrrp")) {
            return null;
        }
        return new GroupLabels(parts[1], parts[2], parts[3]);
    }

    String[] with(String... first) {
        String[] out = java.util.Arrays.copyOf(first, first.length + 6);
        out[first.length] = "interface";
        out[first.length + 1] = iface;
        out[first.length + 2] = "family";
        out[first.length + 3] = family;
        out[first.length + 4] = "vrid";
        out[first.length + 5] = vrid;
        return out;
    }
}
