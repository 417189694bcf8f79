package dev.vigil.testkit.routeros;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The router's {@code /file} menu: {@code print} (with {@code contents} for files up to 60 KiB, as RouterOS gives it),
 * {@code read} with {@code offset} and {@code chunk-size} up to 32768 (v7 only), and {@code remove}.
 */
final class SimFiles {
    /** RouterOS returns {@code contents} only for files up to this size. */
    static final int INLINE_LIMIT = 60 * 1024;
    /** The largest {@code chunk-size} {@code /file/read} accepts. */
    static final int MAX_CHUNK = 32_768;

    private static final DateTimeFormatter V7_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V6_TIME =
            DateTimeFormatter.ofPattern("MMM/dd/yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private record SimFile(String id, String name, byte[] stored, long size, String time) {}

    private final Map<String, SimFile> files = new LinkedHashMap<>();
    private int nextId = 0x100;
    private boolean truncate;

    synchronized void truncate(boolean on) {
        truncate = on;
    }

    synchronized List<String> names() {
        return List.copyOf(files.keySet());
    }

    synchronized void write(String name, String text, SimRouter.Personality personality, Instant now) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] stored = truncate ? java.util.Arrays.copyOf(bytes, bytes.length / 2) : bytes;
        SimFile old = files.get(name);
        String id = old != null ? old.id() : "*" + Integer.toHexString(nextId++).toUpperCase(Locale.ROOT);
        String time = personality == SimRouter.Personality.V7
                ? V7_TIME.format(now)
                : V6_TIME.format(now).toLowerCase(Locale.ROOT);
        files.put(name, new SimFile(id, name, stored, bytes.length, time));
    }

    synchronized SimResult execute(
            String verb,
            Map<String, String> attributes,
            List<String> queries,
            SimRouter.Personality personality,
            Instant now) {
        return switch (verb) {
            case "print", "getall" -> SimResult.items(SimRouter.filter(items(personality), attributes, queries));
            case "read" ->
                personality == SimRouter.Personality.V7
                        ? read(attributes)
                        : SimResult.trap("no such command or directory (read)", 0);
            case "remove" -> remove(attributes);
            default -> SimResult.trap("no such command or directory (" + verb + ")", 0);
        };
    }

    private List<Map<String, String>> items(SimRouter.Personality personality) {
        List<Map<String, String>> items = new ArrayList<>();
        for (SimFile f : files.values()) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put(".id", f.id());
            item.put("name", f.name());
            item.put("type", personality == SimRouter.Personality.V7 ? "script" : ".rsc file");
            item.put("size", Long.toString(f.size()));
            item.put(personality == SimRouter.Personality.V7 ? "last-modified" : "creation-time", f.time());
            if (f.size() <= INLINE_LIMIT) {
                item.put("contents", new String(f.stored(), StandardCharsets.UTF_8));
            }
            items.add(item);
        }
        return items;
    }

    private SimResult read(Map<String, String> attributes) {
        SimFile f = find(attributes.getOrDefault("file", ""));
        if (f == null) {
            return SimResult.trap("no such item", 0);
        }
        int offset;
        int chunk;
        try {
            offset = Integer.parseInt(attributes.getOrDefault("offset", "0"));
            chunk = Integer.parseInt(attributes.getOrDefault("chunk-size", ""));
        } catch (NumberFormatException e) {
            return SimResult.trap("invalid value for argument chunk-size", 1);
        }
        if (chunk < 1 || chunk > MAX_CHUNK) {
            return SimResult.trap("value of chunk-size out of range (1.." + MAX_CHUNK + ")", 1);
        }
        int from = Math.min(Math.max(offset, 0), f.stored().length);
        int to = Math.min(from + chunk, f.stored().length);
        String data = new String(f.stored(), from, to - from, StandardCharsets.UTF_8);
        return SimResult.items(List.of(new LinkedHashMap<>(Map.of("data", data))));
    }

    private SimResult remove(Map<String, String> attributes) {
        SimFile f = find(attributes.getOrDefault(".id", attributes.getOrDefault("numbers", "")));
        if (f == null) {
            return SimResult.trap("no such item", 0);
        }
        files.remove(f.name());
        return SimResult.done(Map.of());
    }

    private SimFile find(String idOrName) {
        return files.values().stream()
                .filter(f -> f.id().equals(idOrName) || f.name().equals(idOrName))
                .findFirst()
                .orElse(null);
    }
}
