package dev.vigil.testkit.routeros;

import java.util.List;
import java.util.Map;

/** What one command produced on the simulated router: items ({@code !re}), {@code !done} data and traps. */
public record SimResult(List<Map<String, String>> items, Map<String, String> done, List<Map<String, String>> traps) {
    static SimResult items(List<Map<String, String>> items) {
        return new SimResult(items, Map.of(), List.of());
    }

    static SimResult done(Map<String, String> done) {
        return new SimResult(List.of(), done, List.of());
    }

    static SimResult trap(String message, int category) {
        return new SimResult(
                List.of(), Map.of(), List.of(Map.of("message", message, "category", Integer.toString(category))));
    }

    boolean failed() {
        return !traps.isEmpty();
    }
}
