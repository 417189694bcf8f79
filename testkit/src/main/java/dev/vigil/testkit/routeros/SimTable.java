package dev.vigil.testkit.routeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One menu's items, each a map of properties with a {@code .id} of {@code *} plus hex. */
public final class SimTable {
    private final List<Map<String, String>> rows = new ArrayList<>();
    private int nextId = 1;

    public synchronized String add(Map<String, String> properties) {
        Map<String, String> row = new LinkedHashMap<>();
        String id = "*" + Integer.toHexString(nextId++).toUpperCase(java.util.Locale.ROOT);
        row.put(".id", id);
        row.putAll(properties);
        rows.add(row);
        return id;
    }

    public synchronized List<Map<String, String>> snapshot() {
        List<Map<String, String>> out = new ArrayList<>();
        rows.forEach(r -> out.add(new LinkedHashMap<>(r)));
        return out;
    }

    /** By {@code .id} or, as RouterOS allows in named menus, by name. */
    public synchronized Optional<Map<String, String>> find(String idOrName) {
        return rows.stream()
                .filter(r -> idOrName.equals(r.get(".id")) || idOrName.equals(r.get("name")))
                .findFirst();
    }

    public synchronized boolean update(String idOrName, Map<String, String> changes) {
        Optional<Map<String, String>> row = find(idOrName);
        row.ifPresent(r -> r.putAll(changes));
        return row.isPresent();
    }

    public synchronized boolean remove(String id) {
        return rows.removeIf(r -> id.equals(r.get(".id")));
    }
}
