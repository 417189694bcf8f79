package dev.vigil.agent.routeros;

import java.util.Map;

/**
 * One {@code /interface/vrrp} item as the router reports it.
 *
 * @param state {@code disabled}, {@code invalid}, {@code master}, {@code backup} or {@code unknown}, derived in that
 *     order from the flags, a missing flag being false (routeros-api.md §3.3)
 */
public record VrrpInstance(String id, String name, String iface, int vrid, int priority, String state) {
    /** The properties to ask for. */
    public static final java.util.List<String> PROPLIST = java.util.List.of(
            ".id", "name", "interface", "vrid", "priority", "disabled", "invalid", "running", "master", "backup");

    public static VrrpInstance from(Map<String, String> item) {
        String state;
        if (Reply.flag(item, "disabled")) {
            state = "disabled";
        } else if (Reply.flag(item, "invalid")) {
            state = "invalid";
        } else if (Reply.flag(item, "master")) {
            state = "master";
        } else if (Reply.flag(item, "backup")) {
            state = "backup";
        } else {
            state = "unknown";
        }
        return new VrrpInstance(
                item.get(".id"),
                item.getOrDefault("name", "?"),
                item.get("interface"),
                number(item.get("vrid"), 0),
                number(item.get("priority"), 100),
                state);
    }

    public boolean isMaster() {
        return state.equals("master");
    }

    static int number(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
