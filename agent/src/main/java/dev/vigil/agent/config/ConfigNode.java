package dev.vigil.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a parsed config file with typed readers. A reader never throws on bad input: it records a
 * {@link ConfigProblem} naming the key, the value and what is accepted, and returns the default, so that one pass
 * over the file reports every problem at once. Section parsers are written against this class.
 */
public final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private final JsonNode node;
    private final String path;
    private final List<ConfigProblem> problems;
    private final NamedInputs inputs;

    ConfigNode(JsonNode node, String path, List<ConfigProblem> problems, NamedInputs inputs) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        this.inputs = inputs;
    }

    /** A root node over a tree, collecting problems into the given list (for tests and tools). */
    public static ConfigNode root(JsonNode tree, List<ConfigProblem> problems) {
        return root(tree, problems, NamedInputs.read());
    }

    /** A root node whose named secrets and files are read or only listed, as {@code inputs} says. */
    public static ConfigNode root(JsonNode tree, List<ConfigProblem> problems, NamedInputs inputs) {
        return new ConfigNode(tree, "", problems, inputs);
    }

    /** How this config treats the secrets and files it names. */
    public NamedInputs inputs() {
        return inputs;
    }

    public String path() {
        return path;
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    public boolean has(String key) {
        return child(key).isPresent();
    }

    public ConfigNode child(String key) {
        return new ConfigNode(node.get(key), keyPath(key), problems, inputs);
    }

    /** Records a problem at {@code key} below this node. */
    public void problem(String key, String value, String problem) {
        problems.add(new ConfigProblem(keyPath(key), value, problem));
    }

    /** Records a problem about this node itself. */
    public void problem(String problem) {
        problems.add(new ConfigProblem(path.isEmpty() ? "(top level)" : path, shown(node), problem));
    }

    /** Reports every key of this mapping not in {@code allowed}, with the closest allowed key as a hint. */
    public void allowOnly(String... allowed) {
        if (!node.isObject()) {
            if (isPresent()) {
                problem("must be a mapping of keys (" + String.join(", ", allowed) + ")");
            }
            return;
        }
        List<String> known = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(new ConfigProblem(
                        keyPath(key),
                        null,
                        "unknown key" + suggestion(key, known) + "; accepted here: " + String.join(", ", allowed)));
            }
        }
    }

    public String string(String key, String defaultValue) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(key, shown(value), "must be a non-empty text");
            return defaultValue;
        }
        return value.asText();
    }

    public String requiredString(String key) {
        if (!has(key)) {
            problem(key, null, "is required");
            return null;
        }
        return string(key, null);
    }

    public String oneOf(String key, String defaultValue, String... accepted) {
        String value = string(key, defaultValue);
        if (value != null && !Arrays.asList(accepted).contains(value)) {
            problem(key, value, "must be one of " + String.join(", ", accepted));
            return defaultValue;
        }
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(key, shown(value), "must be a whole number from " + min + " to " + max);
            return defaultValue;
        }
        return value.asInt();
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            problem(key, shown(value), "must be a number from " + min + " to " + max);
            return defaultValue;
        }
        return value.asDouble();
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(key, shown(value), "must be true or false");
            return defaultValue;
        }
        return value.asBoolean();
    }

    /** Durations are written {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.asText().trim().toLowerCase(Locale.ROOT));
        if (!value.isTextual() || parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            problem(
                    key,
                    shown(value),
                    "must be a duration from " + format(min) + " to " + format(max) + " written like 500ms, 2s, 5m");
            return defaultValue;
        }
        return parsed;
    }

    /** A literal IPv4 or IPv6 address; names are refused here so that loading a config never waits on DNS. */
    public InetAddress address(String key) {
        String text = string(key, null);
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z0-9]*")) {
            problem(key, text, "must be a literal IPv4 or IPv6 address");
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            problem(key, text, "must be a literal IPv4 or IPv6 address");
            return null;
        }
    }

    public Path path(String key, Path defaultValue) {
        String text = string(key, null);
        return text == null ? defaultValue : Path.of(text);
    }

    /**
     * A file the agent will read (a CA certificate, a client key): a problem when it cannot be read, unless the
     * config's {@link NamedInputs} only lists files. Returns the path either way, or null when the key is absent.
     */
    public Path readableFile(String key) {
        Path file = path(key, null);
        if (file == null) {
            return null;
        }
        if (!inputs.reads()) {
            inputs.notRead(file.toString());
        } else if (!Files.isReadable(file)) {
            inputs.missing(file.toString());
            problem(key, file.toString(), "the file does not exist or cannot be read");
        }
        return file;
    }

    /** The items of a sequence; a missing key is an empty list, anything but a sequence is a problem. */
    public List<ConfigNode> list(String key) {
        JsonNode value = node.get(key);
        List<ConfigNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            problem(key, shown(value), "must be a list");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            items.add(new ConfigNode(value.get(i), keyPath(key) + "[" + i + "]", problems, inputs));
        }
        return items;
    }

    /** A sequence of texts; a single text is accepted as a list of one. */
    public List<String> strings(String key) {
        JsonNode value = node.get(key);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isTextual()) {
            out.add(value.asText());
            return out;
        }
        for (ConfigNode item : list(key)) {
            if (item.node.isValueNode() && !item.node.asText().isBlank()) {
                out.add(item.node.asText());
            } else {
                item.problem("must be a non-empty text");
            }
        }
        return out;
    }

    /** This node's own scalar text (for list items that are plain values). */
    public String text() {
        return node.isValueNode() ? node.asText() : null;
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static String suggestion(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
