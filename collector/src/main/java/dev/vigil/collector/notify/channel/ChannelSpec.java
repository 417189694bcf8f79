package dev.vigil.collector.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.notify.QuietHours;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A channel as an administrator enters it, validated once: every problem is reported together in one {@link
 * IllegalArgumentException}, and none repeats the URL.
 *
 * @param quietHours null when the channel takes messages at any hour
 */
public record ChannelSpec(String name, String url, ChannelTarget target, QuietHours quietHours) {
    /** The store's column width. */
    static final int MAX_URL = 2000;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** From the API's JSON body: {@code name}, {@code url}, optional {@code quiet_hours}. */
    public static ChannelSpec fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with name and url");
        }
        List<String> problems = new ArrayList<>();
        String name = text(body, "name");
        if (name == null) {
            problems.add("name is missing");
        } else if (!NAME.matcher(name).matches() || name.isBlank()) {
            problems.add("name must be 1 to 100 letters, digits, spaces, '.', '_' or '-'");
        }
        String url = text(body, "url");
        ChannelTarget target = null;
        if (url == null) {
            problems.add("url is missing");
        } else if (url.length() > MAX_URL) {
            problems.add("url is longer than " + MAX_URL + " characters");
        } else {
            try {
                target = ChannelUrls.parse(url);
            } catch (ChannelUrlException e) {
                problems.add("url: " + e.getMessage());
            }
        }
        QuietHours quiet = null;
        JsonNode q = body.get("quiet_hours");
        if (q != null && !q.isNull()) {
            quiet = quietHours(q, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ChannelSpec(name.strip(), url.strip(), target, quiet);
    }

    private static QuietHours quietHours(JsonNode q, List<String> problems) {
        if (!q.isObject()) {
            problems.add("quiet_hours must be an object with from, to, zone and critical_overrides");
            return null;
        }
        int before = problems.size();
        LocalTime from = time(q, "from", problems);
        LocalTime to = time(q, "to", problems);
        ZoneId zone = null;
        String z = text(q, "zone");
        if (z == null) {
            problems.add("quiet_hours.zone is missing (an IANA zone such as Europe/Paris)");
        } else {
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                problems.add("quiet_hours.zone '" + z + "' is not a time zone (use an IANA name such as Europe/Paris)");
            }
        }
        JsonNode co = q.get("critical_overrides");
        if (co != null && !co.isBoolean()) {
            problems.add("quiet_hours.critical_overrides must be true or false");
        }
        if (from != null && from.equals(to)) {
            problems.add("quiet_hours.from and quiet_hours.to are equal: the span would be empty");
        }
        if (problems.size() > before) {
            return null;
        }
        return new QuietHours(from, to, zone, co == null || co.asBoolean());
    }

    private static LocalTime time(JsonNode q, String key, List<String> problems) {
        String v = text(q, key);
        if (v == null || !HH_MM.matcher(v).matches()) {
            problems.add("quiet_hours." + key + " must be a time HH:mm such as 22:00");
            return null;
        }
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            problems.add("quiet_hours." + key + " must be a time HH:mm such as 22:00");
            return null;
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
