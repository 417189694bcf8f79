package dev.vigil.agent.routeros;

import java.util.List;
import java.util.Map;

/**
 * What a command returned: one map per {@code !re} (or REST array element) and the attributes of {@code !done}
 * (e.g. {@code ret} after {@code add}). All values are strings, as the router sends them.
 */
public record Reply(List<Map<String, String>> items, Map<String, String> done) {
    public Reply {
        items = List.copyOf(items);
        done = Map.copyOf(done);
    }

    /** RouterOS booleans: {@code true}/{@code yes}; a missing flag is false (routeros-api.md §3.3). */
    public static boolean flag(Map<String, String> item, String key) {
        String value = item.get(key);
        return "true".equals(value) || "yes".equals(value);
    }
}
