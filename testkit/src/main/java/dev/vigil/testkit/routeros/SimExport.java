package dev.vigil.testkit.routeros;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The text of {@code /export} for a {@link SimRouter}'s tables, as RouterOS writes it: the dated header, one
 * {@code /menu} line per section, {@code add} lines with properties in name order, booleans as yes/no, values quoted
 * and escaped where RouterOS quotes them, lines wrapped near 80 columns with {@code \} continuations, secrets shown
 * or left out as the version and the sensitive flag say.
 */
final class SimExport {
    private static final int WIDTH = 78;
    private static final DateTimeFormatter V7_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V6_DATE =
            DateTimeFormatter.ofPattern("MMM/dd/yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Read-only or status properties that print shows and export leaves out. */
    private static final Set<String> STATUS = Set.of(
            ".id",
            "running",
            "master",
            "backup",
            "invalid",
            "active",
            "static",
            "dynamic",
            "run-count",
            "last-started",
            "network-status");

    private static final Set<String> SENSITIVE = Set.of("password", "secret", "authentication-key");

    private SimExport() {}

    static String render(SimRouter router, boolean showSensitive, Instant now, int exportNumber) {
        boolean v7 = router.personality() == SimRouter.Personality.V7;
        String version = router.version().split(" ")[0];
        StringBuilder out = new StringBuilder();
        out.append("# ")
                .append(v7 ? V7_DATE.format(now) : V6_DATE.format(now).toLowerCase(Locale.ROOT))
                .append(" by RouterOS ")
                .append(version)
                .append('\n');
        out.append("# software id = 7QXK-2JNH\n#\n");
        out.append(v7 ? "# model = RB5009UG+S+\n" : "# model = RouterBOARD 3011UiAS\n");
        out.append("# serial number = HF309VKD8QR\n");
        section(out, "/interface bridge", List.of(Map.of("name", "bridge-lan")), showSensitive, v7);
        section(out, "/interface pppoe-client", router.table(SimRouter.PPPOE).snapshot(), showSensitive, v7);
        if (exportNumber % 2 == 1) {
            // RouterOS writes this VRRP notice into some exports and not others (Oxidized strips it)
            out.append("/interface vrrp\n# received packet from 192.0.2.3 bad format\n");
            rows(out, "/interface vrrp", "add", router.table(SimRouter.VRRP).snapshot(), showSensitive, v7);
        } else {
            section(out, "/interface vrrp", router.table(SimRouter.VRRP).snapshot(), showSensitive, v7);
        }
        section(out, "/ip pool", List.of(Map.of("name", "pool-lan", "ranges", "192.0.2.100-192.0.2.199")), true, v7);
        section(out, "/ip dhcp-server", dhcp(router), showSensitive, v7);
        section(
                out,
                "/interface bridge port",
                List.of(Map.of("bridge", "bridge-lan", "interface", "ether2")),
                showSensitive,
                v7);
        section(out, "/ip address", router.table(SimRouter.ADDRESS).snapshot(), showSensitive, v7);
        section(out, "/ip firewall nat", router.table(SimRouter.NAT).snapshot(), showSensitive, v7);
        section(out, "/ip route", routes(router, v7), showSensitive, v7);
        section(out, "/system identity", List.of(Map.of("name", "MikroTik")), showSensitive, v7, "set");
        section(out, "/system script", scripts(router), showSensitive, v7);
        return out.toString();
    }

    private static List<Map<String, String>> dhcp(SimRouter router) {
        List<Map<String, String>> rows = router.table(SimRouter.DHCP).snapshot();
        rows.forEach(r -> r.putIfAbsent("address-pool", "pool-lan"));
        return rows;
    }

    private static List<Map<String, String>> routes(SimRouter router, boolean v7) {
        List<Map<String, String>> rows = router.table(SimRouter.ROUTE).snapshot();
        for (Map<String, String> r : rows) {
            if (v7) {
                r.putIfAbsent("scope", "30");
                r.putIfAbsent("suppress-hw-offload", "false");
                r.putIfAbsent("target-scope", "10");
            } else {
                r.remove("routing-mark", "main");
                r.remove("dst-address", "0.0.0.0/0");
            }
        }
        return rows;
    }

    private static List<Map<String, String>> scripts(SimRouter router) {
        List<Map<String, String>> rows = router.table(SimRouter.SCRIPT).snapshot();
        for (Map<String, String> r : rows) {
            r.putIfAbsent("dont-require-permissions", "false");
            r.putIfAbsent("owner", "admin");
            r.putIfAbsent("policy", "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon");
        }
        return rows;
    }

    private static void section(
            StringBuilder out, String menu, List<Map<String, String>> rows, boolean showSensitive, boolean v7) {
        section(out, menu, rows, showSensitive, v7, "add");
    }

    private static void section(
            StringBuilder out,
            String menu,
            List<Map<String, String>> rows,
            boolean showSensitive,
            boolean v7,
            String verb) {
        if (rows.isEmpty()) {
            return;
        }
        out.append(menu).append('\n');
        rows(out, menu, verb, rows, showSensitive, v7);
    }

    private static void rows(
            StringBuilder out,
            String menu,
            String verb,
            List<Map<String, String>> rows,
            boolean showSensitive,
            boolean v7) {
        boolean keepDisabledNo = v7 && menu.equals("/ip route");
        for (Map<String, String> row : rows) {
            List<String> tokens = new ArrayList<>();
            tokens.add(verb);
            for (Map.Entry<String, String> p : new TreeMap<>(row).entrySet()) {
                String key = p.getKey();
                String value = p.getValue();
                if (STATUS.contains(key) || (SENSITIVE.contains(key) && !showSensitive)) {
                    continue;
                }
                if (key.equals("disabled") && "false".equals(value) && !keepDisabledNo) {
                    continue;
                }
                tokens.add(key + "=" + value(value));
            }
            wrap(out, tokens);
        }
    }

    /** Greedy wrap at token boundaries; a quoted value too long for a line is split inside its quotes. */
    private static void wrap(StringBuilder out, List<String> tokens) {
        int column = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i > 0) {
                if (column + 1 + token.length() > WIDTH) {
                    out.append(" \\\n    ");
                    column = 4;
                } else {
                    out.append(' ');
                    column++;
                }
            }
            while (column + token.length() > WIDTH && token.contains("\"")) {
                int cut = Math.max(WIDTH - column, 8);
                while (cut > 1 && oddBackslashesBefore(token, cut)) {
                    cut--;
                }
                out.append(token, 0, cut).append("\\\n    ");
                token = token.substring(cut);
                column = 4;
            }
            out.append(token);
            column += token.length();
        }
        out.append('\n');
    }

    /** A cut after an odd run of backslashes would split an escape such as {@code \"}. */
    private static boolean oddBackslashesBefore(String text, int index) {
        int run = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            run++;
        }
        return run % 2 == 1;
    }

    static String value(String raw) {
        if ("true".equals(raw)) {
            return "yes";
        }
        if ("false".equals(raw)) {
            return "no";
        }
        boolean plain = !raw.isEmpty()
                && raw.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_.:/,@*+".indexOf(c) >= 0);
        if (plain) {
            return raw;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '"', '\\', '$', '?' -> quoted.append('\\').append(c);
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
