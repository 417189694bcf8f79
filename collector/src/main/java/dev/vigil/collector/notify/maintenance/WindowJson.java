package dev.vigil.collector.notify.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maintenance windows and snoozes to and from JSON; every problem of a request is reported at once. */
public final class WindowJson {
    private static final Map<String, Duration> SNOOZES =
            Map.of("1h", Duration.ofHours(1), "4h", Duration.ofHours(4), "24h", Duration.ofHours(24));
    private static final int MAX_REASON = 500;

    private WindowJson() {}

    /** {@code {"sites"|"tags"|"all", "from","to" | "weekly", "reason"}}. */
    public static MaintenanceWindow maintenance(String id, JsonNode n, String by) {
        List<String> problems = new ArrayList<>();
        requireObject(n);
        List<String> sites = strings(n, "sites", problems);
        List<String> tags = strings(n, "tags", problems);
        boolean all = n.path("all").asBoolean(false);
        if (!all && sites.isEmpty() && tags.isEmpty()) {
            problems.add("give sites, tags or \"all\": true");
        }
        WeeklySlot weekly = n.hasNonNull("weekly") ? weekly(n.get("weekly"), problems) : null;
        Instant from = time(n, "from", problems);
        Instant to = time(n, "to", problems);
        if (weekly == null) {
            if (from == null || to == null) {
                problems.add("a one-off window needs from and to (RFC 3339), a recurring one needs weekly");
            } else if (!to.isAfter(from)) {
                problems.add("to must be after from");
            }
        } else if (from != null || to != null) {
            problems.add("a weekly window takes no from/to");
        }
        String reason = reason(n, problems);
        fail(problems);
        return new MaintenanceWindow(
                id, MaintenanceWindow.MAINTENANCE, all, sites, tags, null, from, to, weekly, reason, by);
    }

    /** {@code {"site"|"alert", "for": "1h"|"4h"|"24h" | "until", "reason"}}. */
    public static MaintenanceWindow snooze(String id, JsonNode n, String by, Instant now) {
        List<String> problems = new ArrayList<>();
        requireObject(n);
        String site = text(n, "site", problems);
        String alert = text(n, "alert", problems);
        if ((site == null) == (alert == null)) {
            problems.add("give either site or alert");
        }
        Instant until = null;
        if (n.hasNonNull("for") == n.hasNonNull("until")) {
            problems.add("give either for (1h, 4h or 24h) or until (RFC 3339)");
        } else if (n.hasNonNull("for")) {
            Duration d = SNOOZES.get(n.get("for").asText());
            if (d == null) {
                problems.add("for must be 1h, 4h or 24h");
            } else {
                until = now.plus(d);
            }
        } else {
            until = time(n, "until", problems);
            if (until != null && !until.isAfter(now)) {
                problems.add("until must be in the future");
            }
        }
        String reason = reason(n, problems);
        fail(problems);
        return new MaintenanceWindow(
                id,
                MaintenanceWindow.SNOOZE,
                false,
                site == null ? List.of() : List.of(site),
                List.of(),
                alert,
                now,
                until,
                null,
                reason,
                by);
    }

    public static ObjectNode toJson(MaintenanceWindow w) {
        ObjectNode n = Json.object();
        n.put("id", w.id());
        n.put("kind", w.kind());
        n.put("all", w.all());
        w.sites().forEach(n.putArray("sites")::add);
        w.tags().forEach(n.putArray("tags")::add);
        n.put("alert", w.alertId());
        n.put("from", w.from() == null ? null : w.from().toString());
        n.put("to", w.to() == null ? null : w.to().toString());
        if (w.weekly() == null) {
            n.putNull("weekly");
        } else {
            ObjectNode wk = n.putObject("weekly");
            w.weekly().days().stream()
                    .sorted()
                    .forEach(d ->
                            wk.withArray("days").add(d.name().substring(0, 3).toLowerCase(Locale.ROOT)));
            wk.put("start", w.weekly().start().toString());
            wk.put("minutes", w.weekly().length().toMinutes());
            wk.put("zone", w.weekly().zone().getId());
        }
        n.put("reason", w.reason());
        n.put("created_by", w.createdBy());
        return n;
    }

    /** A stored window, written by {@link #toJson}. */
    public static MaintenanceWindow fromStored(ObjectNode n) {
        List<String> problems = new ArrayList<>();
        WeeklySlot weekly = n.hasNonNull("weekly") ? weekly(n.get("weekly"), problems) : null;
        fail(problems);
        return new MaintenanceWindow(
                n.get("id").asText(),
                n.get("kind").asText(),
                n.path("all").asBoolean(false),
                strings(n, "sites", problems),
                strings(n, "tags", problems),
                n.hasNonNull("alert") ? n.get("alert").asText() : null,
                n.hasNonNull("from") ? Instant.parse(n.get("from").asText()) : null,
                n.hasNonNull("to") ? Instant.parse(n.get("to").asText()) : null,
                weekly,
                n.hasNonNull("reason") ? n.get("reason").asText() : null,
                n.hasNonNull("created_by") ? n.get("created_by").asText() : null);
    }

    private static WeeklySlot weekly(JsonNode w, List<String> problems) {
        int before = problems.size();
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode d : w.path("days")) {
            DayOfWeek day = dayOf(d.asText());
            if (day == null) {
                problems.add("weekly.days: '" + d.asText() + "' is not a day (mon, tue, wed, thu, fri, sat, sun)");
            } else {
                days.add(day);
            }
        }
        if (days.isEmpty() && problems.size() == before) {
            problems.add("weekly.days must list at least one day (mon … sun)");
        }
        LocalTime start = null;
        try {
            start = LocalTime.parse(w.path("start").asText(""));
        } catch (DateTimeParseException e) {
            problems.add("weekly.start must be a local time such as 22:00");
        }
        long minutes = w.path("minutes").asLong(0);
        if (!w.path("minutes").isIntegralNumber() || minutes < 1 || minutes > WeeklySlot.LONGEST.toMinutes()) {
            problems.add("weekly.minutes must be a whole number from 1 to " + WeeklySlot.LONGEST.toMinutes());
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(w.path("zone").asText("UTC"));
        } catch (DateTimeException e) {
            problems.add("weekly.zone must be a time zone such as Europe/Berlin or UTC");
        }
        return problems.size() > before ? null : new WeeklySlot(days, start, Duration.ofMinutes(minutes), zone);
    }

    private static DayOfWeek dayOf(String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(text) || d.name().equalsIgnoreCase(text)) {
                return d;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode n, String key, List<String> problems) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(key + " must be an array of strings");
            return out;
        }
        for (JsonNode s : v) {
            if (!s.isTextual() || s.asText().isEmpty() || s.asText().length() > 64) {
                problems.add(key + " must hold strings of 1 to 64 characters");
            } else {
                out.add(s.asText());
            }
        }
        return out;
    }

    private static String text(JsonNode n, String key, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 64) {
            problems.add(key + " must be a string of 1 to 64 characters");
            return null;
        }
        return v.asText();
    }

    private static Instant time(JsonNode n, String key, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(key + " must be an RFC 3339 time such as 2026-01-31T22:00:00Z");
            return null;
        }
    }

    private static String reason(JsonNode n, List<String> problems) {
        JsonNode v = n.get("reason");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > MAX_REASON) {
            problems.add("reason must be a string of at most " + MAX_REASON + " characters");
            return null;
        }
        return v.asText();
    }

    private static void requireObject(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("send a JSON object");
        }
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
