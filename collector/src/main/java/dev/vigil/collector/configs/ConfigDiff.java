package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.vigil.protocol.Json;
import java.util.Arrays;
import java.util.List;

/** A line diff of two configuration texts (Myers, java-diff-utils) as a unified diff and as JSON for the dashboard. */
final class ConfigDiff {
    static final int CONTEXT = 3;

    private final List<String> unified;

    private ConfigDiff(List<String> unified) {
        this.unified = unified;
    }

    static ConfigDiff of(String fromName, String fromText, String toName, String toText) {
        List<String> from = lines(fromText);
        List<String> to = lines(toText);
        Patch<String> patch = DiffUtils.diff(from, to);
        if (patch.getDeltas().isEmpty()) {
            return new ConfigDiff(List.of());
        }
        return new ConfigDiff(UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, from, patch, CONTEXT));
    }

    /** The unified diff, empty when the texts are equal. */
    String text() {
        return unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
    }

    /**
     * {@code {"added": n, "removed": n, "hunks": [{"header": "@@ -1,3 +1,3 @@", "lines": [{"op": " "|"+"|"-",
     * "text": "…"}]}]}}.
     */
    ObjectNode json() {
        ObjectNode out = Json.object();
        ArrayNode hunks = out.putArray("hunks");
        int added = 0;
        int removed = 0;
        ArrayNode lines = null;
        for (String line : unified) {
            if (line.startsWith("@@")) {
                ObjectNode hunk = hunks.addObject().put("header", line);
                lines = hunk.putArray("lines");
            } else if (lines != null && !line.isEmpty()) {
                String op = line.substring(0, 1);
                lines.addObject().put("op", op).put("text", line.substring(1));
                added += "+".equals(op) ? 1 : 0;
                removed += "-".equals(op) ? 1 : 0;
            }
        }
        out.put("added", added);
        out.put("removed", removed);
        return out;
    }

    private static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1));
    }
}
