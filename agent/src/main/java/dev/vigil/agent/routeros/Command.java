package dev.vigil.agent.routeros;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API command built from exact words: a path such as {@code /interface/vrrp/print}, attributes
 * ({@code =name=value}), query words (without the leading {@code ?}, order kept) and a {@code .proplist}.
 */
public record Command(String path, Map<String, String> attributes, List<String> queries, List<String> proplist) {
    public Command {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a command path starts with '/': " + path);
        }
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        queries = List.copyOf(queries);
        proplist = List.copyOf(proplist);
    }

    public static Command of(String path) {
        return new Command(path, Map.of(), List.of(), List.of());
    }

    /** {@code print} on a menu with a {@code .proplist} and exact-match queries {@code key=value}. */
    public static Command print(String menu, List<String> proplist, String... queries) {
        return new Command(menu + "/print", Map.of(), List.of(queries), proplist);
    }

    /** {@code set} of one item by {@code .id}. */
    public static Command set(String menu, String id, Map<String, String> values) {
        Map<String, String> attributes = new LinkedHashMap<>(values);
        attributes.put(".id", id);
        return new Command(menu + "/set", attributes, List.of(), List.of());
    }

    public Command with(String key, String value) {
        Map<String, String> attributes = new LinkedHashMap<>(this.attributes);
        attributes.put(key, value);
        return new Command(path, attributes, queries, proplist);
    }

    /** The words of the sentence, without the tag. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        words.add(path);
        attributes.forEach((k, v) -> words.add("=" + k + "=" + v));
        if (!proplist.isEmpty()) {
            words.add("=.proplist=" + String.join(",", proplist));
        }
        queries.forEach(q -> words.add("?" + q));
        return words;
    }

    /** A description for errors and logs; attribute values of {@code password} are masked. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(path);
        attributes.forEach(
                (k, v) -> out.append(' ').append(k).append('=').append(k.contains("password") ? "******" : v));
        queries.forEach(q -> out.append(" ?").append(q));
        return out.toString();
    }
}
