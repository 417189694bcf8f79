package dev.vigil.agent.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an export text the same for the same configuration (docs/config-backup.md): {@code \n} line ends; RouterOS's
 * {@code \} continuations joined, so every command is one line and a changed value changes one line; the dated header
 * reduced to its version; notices RouterOS writes into some exports and not others dropped; trailing blanks removed.
 */
public final class ExportNormaliser {
    /** {@code # 2026-12-07 17:05:49 by RouterOS 7.18.2} (v7) or {@code # dec/07/2026 17:05:49 by RouterOS 6.49.10}. */
    private static final Pattern HEADER = Pattern.compile("^# \\S+ \\d{1,2}:\\d{2}:\\d{2} by (RouterOS \\S+.*)$");

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    /** Comments that come and go without a configuration change (the same list Oxidized drops). */
    private static final List<Pattern> VOLATILE = List.of(
            Pattern.compile("^# inactive time$"),
            Pattern.compile("^# received packet from \\S+ bad format$"),
            Pattern.compile("^# poe-out status: .*$"),
            Pattern.compile("^# Firmware upgraded successfully, please reboot for changes to take effect!$"),
            Pattern.compile("^# \\S+ not ready$"));

    private ExportNormaliser() {}

    public static String normalise(String export) {
        String plain =
                export.indexOf('\u001B') < 0 ? export : ANSI.matcher(export).replaceAll("");
        String text = plain.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = new ArrayList<>();
        StringBuilder pending = null;
        for (String raw : text.split("\n", -1)) {
            String line = pending == null ? raw.stripTrailing() : raw.strip();
            if (pending != null) {
                line = pending.append(line).toString();
            }
            if (continues(line)) {
                pending = new StringBuilder(line.substring(0, line.length() - 1));
                continue;
            }
            pending = null;
            lines.add(line);
        }
        if (pending != null) {
            lines.add(pending.toString());
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                out.append("# ").append(header.group(1)).append('\n');
            } else if (VOLATILE.stream().noneMatch(p -> p.matcher(line).matches())) {
                out.append(line).append('\n');
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return end == 0 ? "" : out.substring(0, end) + "\n";
    }

    /** A line ending in an odd number of backslashes goes on (an even number is escaped backslashes). */
    static boolean continues(String line) {
        int run = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            run++;
        }
        return run % 2 == 1;
    }
}
