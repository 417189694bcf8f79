package dev.vigil.testkit.routeros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes {@code /interface/vrrp} show a real keepalived: one item per {@code vrrp_instance} of its config, the state
 * from the notify script's state file ({@code <instance>.state} next to the given file, holding MASTER, BACKUP,
 * FAULT or STOP), and {@code set priority=} rewrites the config and reloads keepalived with SIGHUP.
 */
public final class KeepalivedBridge {
    private static final Pattern INSTANCE = Pattern.compile("vrrp_instance\\s+(\\S+)\\s*\\{");
    private static final Pattern PRIORITY = Pattern.compile("(?m)^(\\s*priority\\s+)(\\d+)");

    private final Path config;
    private final Path pidFile;
    private final Path stateDir;

    public KeepalivedBridge(Path config, Path pidFile, Path stateFile) {
        this.config = config;
        this.pidFile = pidFile;
        this.stateDir = stateFile.toAbsolutePath().getParent();
    }

    synchronized List<Map<String, String>> items() {
        List<Map<String, String>> items = new ArrayList<>();
        int index = 1;
        for (Block block : blocks(read())) {
            String state = state(block.name);
            Map<String, String> item = new LinkedHashMap<>();
            item.put(".id", "*" + index++);
            item.put("name", block.name);
            item.put("interface", value(block.body, "interface", "eth0"));
            item.put("vrid", value(block.body, "virtual_router_id", "1"));
            item.put("priority", value(block.body, "priority", "100"));
            item.put("version", value(block.body, "version", "3"));
            item.put("disabled", "false");
            item.put("invalid", Boolean.toString(state.equals("FAULT")));
            item.put("running", Boolean.toString(state.equals("MASTER")));
            item.put("master", Boolean.toString(state.equals("MASTER")));
            item.put("backup", Boolean.toString(state.equals("BACKUP")));
            items.add(item);
        }
        return items;
    }

    /** Rewrites the instance's priority line and sends SIGHUP; false when there is no such instance. */
    synchronized boolean setPriority(String idOrName, int priority) {
        String text = read();
        List<Block> blocks = blocks(text);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (idOrName.equals("*" + (i + 1)) || idOrName.equals(block.name)) {
                String body = PRIORITY.matcher(block.body).replaceFirst("$1" + priority);
                String updated = text.substring(0, block.start) + body + text.substring(block.end);
                try {
                    Files.writeString(config, updated, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rewrite " + config, e);
                }
                reload();
                return true;
            }
        }
        return false;
    }

    private void reload() {
        try {
            String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            Process kill = new ProcessBuilder("kill", "-HUP", pid)
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -HUP " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reload keepalived via " + pidFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String state(String instance) {
        try {
            Path file = stateDir.resolve(instance + ".state");
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.US_ASCII).strip().toUpperCase(Locale.ROOT)
                    : "INIT";
        } catch (IOException e) {
            return "INIT";
        }
    }

    private String read() {
        try {
            return Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
    }

    private record Block(String name, int start, int end, String body) {}

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = INSTANCE.matcher(text);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (i < text.length() && depth > 0) {
                char c = text.charAt(i++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            blocks.add(new Block(m.group(1), m.end(), i, text.substring(m.end(), i)));
        }
        return blocks;
    }

    private static String value(String body, String key, String otherwise) {
        Matcher m = Pattern.compile("(?m)^\\s*" + key + "\\s+(\\S+)").matcher(body);
        return m.find() ? m.group(1) : otherwise;
    }
}
