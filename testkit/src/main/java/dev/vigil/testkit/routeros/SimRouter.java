package dev.vigil.testkit.routeros;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated router's configuration and the console commands over it ({@code print}, {@code set}, {@code add},
 * {@code remove}, {@code enable}, {@code disable}, {@code run}), shared by the API and REST front ends.
 */
public final class SimRouter {
    /** v6 (no REST, {@code routing-mark}) or v7 (REST, {@code routing-table}). */
    public enum Personality {
        V6("6.49.10 (long-term)"),
        V7("7.18.2 (stable)");

        final String version;

        Personality(String version) {
            this.version = version;
        }
    }

    public static final String VRRP = "/interface/vrrp";
    public static final String NAT = "/ip/firewall/nat";
    public static final String DHCP = "/ip/dhcp-server";
    public static final String ROUTE = "/ip/route";
    public static final String SCRIPT = "/system/script";
    public static final String RESOURCE = "/system/resource";
    public static final String ADDRESS = "/ip/address";
    public static final String PPPOE = "/interface/pppoe-client";
    public static final String FILE = "/file";

    private final Personality personality;
    private final String version;
    private final Map<String, SimTable> tables = new ConcurrentHashMap<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<Consumer<SimRouter>> vrrpListeners = new CopyOnWriteArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final java.util.Set<String> ignoredWrites = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile KeepalivedBridge keepalived;
    private volatile Optional<String> unreachableTarget = Optional.empty();
    private final SimFiles files = new SimFiles();
    private volatile Supplier<Instant> clock = Instant::now;
    private final AtomicInteger exports = new AtomicInteger();

    public SimRouter(Personality personality, String version) {
        this.personality = personality;
        this.version = version == null ? personality.version : version;
        for (String menu : List.of(VRRP, NAT, DHCP, ROUTE, SCRIPT, ADDRESS, PPPOE)) {
            tables.put(menu, new SimTable());
        }
    }

    /** A router with one VRRP instance, one NAT rule {@code vigil:nat}, DHCP server {@code dhcp-lan}, a default route. */
    public static SimRouter seeded(Personality personality, String version, int priority, boolean master) {
        SimRouter router = new SimRouter(personality, version);
        Map<String, String> vrrp = new LinkedHashMap<>();
        vrrp.put("name", "vrrp1");
        vrrp.put("interface", "bridge-lan");
        vrrp.put("vrid", "1");
        vrrp.put("priority", Integer.toString(priority));
        vrrp.put("disabled", "false");
        router.table(VRRP).add(vrrp);
        router.setVrrpMaster("vrrp1", master);
        router.table(NAT)
                .add(Map.of(
                        "chain",
                        "srcnat",
                        "action",
                        "masquerade",
                        "out-interface",
                        "ether1",
                        "comment",
                        "vigil:nat",
                        "disabled",
                        Boolean.toString(!master)));
        router.table(DHCP)
                .add(Map.of("name", "dhcp-lan", "interface", "bridge-lan", "disabled", Boolean.toString(!master)));
        Map<String, String> route = new LinkedHashMap<>(Map.of(
                "dst-address",
                "0.0.0.0/0",
                "gateway",
                "203.0.113.1",
                "distance",
                "1",
                "active",
                "true",
                "disabled",
                "false",
                "static",
                "true"));
        route.put(personality == Personality.V6 ? "routing-mark" : "routing-table", "main");
        router.table(ROUTE).add(route);
        router.table(SCRIPT).add(Map.of("name", "notify-isp", "source", ":log info \"failover\"", "run-count", "0"));
        router.table(ADDRESS).add(Map.of("address", "192.0.2.2/24", "interface", "bridge-lan", "network", "192.0.2.0"));
        router.table(ADDRESS).add(Map.of("address", "192.0.2.1/32", "interface", "vrrp1", "network", "192.0.2.1"));
        Map<String, String> pppoe = new LinkedHashMap<>();
        pppoe.put("add-default-route", "true");
        pppoe.put("disabled", "false");
        pppoe.put("interface", "ether1");
        pppoe.put("name", "pppoe-out1");
        pppoe.put("password", "isp-Secret-42");
        pppoe.put("user", "customer@isp.example");
        router.table(PPPOE).add(pppoe);
        return router;
    }

    public Personality personality() {
        return personality;
    }

    public String version() {
        return version;
    }

    public SimTable table(String menu) {
        return tables.get(menu);
    }

    /** Every write the router accepted, as {@code path .id key=value…}, in order (for tests). */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Runs {@code listener} after every VRRP change (a {@link SimPair} re-elects its master there). */
    public void onVrrpChange(Consumer<SimRouter> listener) {
        vrrpListeners.add(listener);
    }

    /** {@code set} on this menu answers {@code !done} but changes nothing (a router that does not converge). */
    public void ignoreWritesTo(String menu) {
        ignoredWrites.add(menu);
    }

    public void useKeepalived(KeepalivedBridge bridge) {
        this.keepalived = bridge;
    }

    /** Pings to {@code target} get no reply (a WAN cut as the router sees it). */
    public void pingUnreachable(String target) {
        unreachableTarget = Optional.ofNullable(target);
    }

    /** Sets the state flags of a VRRP instance as RouterOS would show them (v7: running+master / backup). */
    public void setVrrpMaster(String name, boolean master) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("running", Boolean.toString(master));
        flags.put("master", Boolean.toString(master));
        flags.put("backup", Boolean.toString(!master));
        table(VRRP).update(name, flags);
    }

    /** Where the header date of {@code /export} comes from (tests move it to show that it changes). */
    public void exportClock(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * Files written from now on report their whole size but hold only the first half, as an export cut short by a
     * full disk or a router reboot would.
     */
    public void truncateExports(boolean on) {
        files.truncate(on);
    }

    /** The router's files, as {@code /file/print} lists them (for tests: a finished export leaves none behind). */
    public List<String> fileNames() {
        return files.names();
    }

    /** The text {@code /export} would write now. */
    public String exportText(boolean sensitive) {
        return SimExport.render(this, sensitive, clock.get(), exports.get());
    }

    public Optional<Map<String, String>> vrrp(String name) {
        return table(VRRP).find(name);
    }

    public SimResult execute(String path, Map<String, String> attributes, List<String> queries) {
        if (path.equals("/ping")) {
            return SimResult.trap("ping streams: use the API session or REST", 5);
        }
        int slash = path.lastIndexOf('/');
        String menu = path.substring(0, slash);
        String verb = path.substring(slash + 1);
        if (menu.equals(RESOURCE) && (verb.equals("print") || verb.equals("getall"))) {
            return SimResult.items(filter(List.of(resource()), attributes, queries));
        }
        if (path.equals("/export")) {
            return export(attributes);
        }
        if (menu.equals(FILE)) {
            return files.execute(verb, attributes, queries, personality, clock.get());
        }
        if (menu.equals(VRRP) && keepalived != null) {
            return keepalivedVrrp(verb, attributes, queries);
        }
        SimTable table = tables.get(menu);
        if (table == null) {
            return SimResult.trap(
                    "no such command or directory (" + (menu.isEmpty() ? verb : menu.substring(1)) + ")", 0);
        }
        return switch (verb) {
            case "print", "getall" -> SimResult.items(filter(visible(menu, table.snapshot()), attributes, queries));
            case "set" -> set(menu, table, attributes);
            case "enable", "disable" -> toggle(menu, table, attributes, verb.equals("disable"));
            case "add" -> {
                writes.add(path + " " + attributes);
                yield SimResult.done(Map.of("ret", table.add(attributes)));
            }
            case "remove" ->
                table.remove(attributes.getOrDefault(".id", ""))
                        ? SimResult.done(Map.of())
                        : SimResult.trap("no such item", 0);
            case "run" -> runScript(table, attributes);
            default -> SimResult.trap("no such command or directory (" + verb + ")", 0);
        };
    }

    /**
     * {@code /export}: without {@code file} the API gets nothing back (the text goes to a console that is not
     * there); v6 shows secrets unless {@code hide-sensitive}, v7 hides them unless {@code show-sensitive}.
     */
    private SimResult export(Map<String, String> attributes) {
        for (String key : attributes.keySet()) {
            boolean known = key.equals("file")
                    || key.equals("hide-sensitive")
                    || key.equals("compact")
                    || key.equals("verbose")
                    || key.equals("terse")
                    || key.equals(".proplist")
                    || (key.equals("show-sensitive") && personality == Personality.V7);
            if (!known) {
                return SimResult.trap("unknown parameter " + key, 1);
            }
        }
        boolean sensitive = personality == Personality.V6
                ? !attributes.containsKey("hide-sensitive")
                : attributes.containsKey("show-sensitive");
        String text = SimExport.render(this, sensitive, clock.get(), exports.incrementAndGet());
        String file = attributes.get("file");
        if (file != null && !file.isEmpty()) {
            files.write(file.endsWith(".rsc") ? file : file + ".rsc", text, personality, clock.get());
        }
        return SimResult.done(Map.of());
    }

    /** One {@code /ping} reply, as RouterOS streams them. */
    Map<String, String> pingReply(String address, int seq, int received) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("seq", Integer.toString(seq));
        reply.put("host", address);
        boolean lost = unreachableTarget.map(address::equals).orElse(false);
        if (lost) {
            reply.put("status", "timeout");
        } else {
            reply.put("size", "56");
            reply.put("ttl", "64");
            reply.put("time", "1ms200us");
        }
        reply.put("sent", Integer.toString(seq + 1));
        reply.put("received", Integer.toString(received + (lost ? 0 : 1)));
        reply.put("packet-loss", Integer.toString(100 * (seq + 1 - received - (lost ? 0 : 1)) / (seq + 1)));
        return reply;
    }

    private SimResult set(String menu, SimTable table, Map<String, String> attributes) {
        String id = attributes.get(".id");
        if (id == null) {
            id = attributes.get("numbers");
        }
        if (id == null) {
            return SimResult.trap("missing value for .id", 1);
        }
        Map<String, String> changes = new LinkedHashMap<>(attributes);
        changes.remove(".id");
        changes.remove("numbers");
        changes.replaceAll((k, v) -> normaliseValue(v));
        if (menu.equals(VRRP) && changes.containsKey("priority") && !validPriority(changes.get("priority"))) {
            return SimResult.trap("value of priority out of range (1..254)", 1);
        }
        if (ignoredWrites.contains(menu)) {
            return table.find(id).isPresent() ? SimResult.done(Map.of()) : SimResult.trap("no such item", 0);
        }
        if (!table.update(id, changes)) {
            return SimResult.trap("no such item", 0);
        }
        writes.add(menu + "/set " + id + " " + changes);
        if (menu.equals(VRRP)) {
            vrrpListeners.forEach(l -> l.accept(this));
        }
        return SimResult.done(Map.of());
    }

    private SimResult toggle(String menu, SimTable table, Map<String, String> attributes, boolean disable) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put(".id", attributes.getOrDefault(".id", attributes.getOrDefault("numbers", "")));
        set.put("disabled", Boolean.toString(disable));
        return set(menu, table, set);
    }

    private SimResult runScript(SimTable table, Map<String, String> attributes) {
        String id = attributes.getOrDefault("number", attributes.getOrDefault(".id", ""));
        Optional<Map<String, String>> script = table.find(id);
        if (script.isEmpty()) {
            return SimResult.trap("no such item", 0);
        }
        int runs = Integer.parseInt(script.get().getOrDefault("run-count", "0")) + 1;
        table.update(id, Map.of("run-count", Integer.toString(runs)));
        writes.add(SCRIPT + "/run " + script.get().get("name"));
        return SimResult.done(Map.of());
    }

    private SimResult keepalivedVrrp(String verb, Map<String, String> attributes, List<String> queries) {
        if (verb.equals("print") || verb.equals("getall")) {
            return SimResult.items(filter(visible(VRRP, keepalived.items()), attributes, queries));
        }
        if (verb.equals("set") && attributes.containsKey("priority")) {
            String id = attributes.getOrDefault(".id", "");
            if (!validPriority(attributes.get("priority"))) {
                return SimResult.trap("value of priority out of range (1..254)", 1);
            }
            if (!keepalived.setPriority(id, Integer.parseInt(attributes.get("priority")))) {
                return SimResult.trap("no such item", 0);
            }
            writes.add(VRRP + "/set " + id + " {priority=" + attributes.get("priority") + "}");
            return SimResult.done(Map.of());
        }
        return SimResult.trap("the simulator drives keepalived: only print and set priority", 4);
    }

    /** v6 and v7 leave out flags that are false on VRRP items (routeros-api.md §3.3); v7 keeps running/invalid. */
    private List<Map<String, String>> visible(String menu, List<Map<String, String>> items) {
        if (!menu.equals(VRRP)) {
            return items;
        }
        for (Map<String, String> item : items) {
            item.putIfAbsent("invalid", "false");
            for (String flag : List.of("master", "backup")) {
                if (!"true".equals(item.get(flag))) {
                    item.remove(flag);
                }
            }
            if (personality == Personality.V6 && !"true".equals(item.get("running"))) {
                item.remove("running");
            }
        }
        return items;
    }

    static List<Map<String, String>> filter(
            List<Map<String, String>> items, Map<String, String> attributes, List<String> queries) {
        List<Map<String, String>> out = new ArrayList<>();
        String proplist = attributes.get(".proplist");
        for (Map<String, String> item : items) {
            if (!SimQuery.matches(queries, item)) {
                continue;
            }
            if (proplist != null) {
                List<String> keep = List.of(proplist.split(","));
                item.keySet().retainAll(keep);
            }
            out.add(item);
        }
        return out;
    }

    private Map<String, String> resource() {
        long uptimeSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        Map<String, String> r = new LinkedHashMap<>();
        r.put("uptime", uptimeSeconds / 3600 + "h" + uptimeSeconds / 60 % 60 + "m" + uptimeSeconds % 60 + "s");
        r.put("version", version);
        r.put("cpu-load", "3");
        r.put("free-memory", "201326592");
        r.put("total-memory", "268435456");
        r.put("cpu-count", "1");
        r.put("board-name", "vigil-sim");
        r.put("architecture-name", "x86_64");
        r.put("platform", "MikroTik");
        return r;
    }

    private static boolean validPriority(String text) {
        try {
            int p = Integer.parseInt(text);
            return p >= 1 && p <= 254;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String normaliseValue(String value) {
        return "yes".equals(value) ? "true" : "no".equals(value) ? "false" : value;
    }
}
