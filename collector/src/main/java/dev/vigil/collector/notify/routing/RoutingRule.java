package dev.vigil.collector.notify.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the alerts it matches to its channels. Every condition left null matches anything.
 *
 * @param tag a site tag the alert's site must carry
 * @param customer the customer the alert's site must belong to ({@link SiteCustomers})
 * @param kind the alert's rule, e.g. {@code wan_down}
 * @param repeatEvery resend while not acknowledged, null for never
 * @param escalateAfter also send to {@code escalateTo} once the alert is this old and not acknowledged, null for never
 */
public record RoutingRule(
        String id,
        String tag,
        String customer,
        String kind,
        Severity minSeverity,
        List<String> channels,
        Duration repeatEvery,
        Duration escalateAfter,
        List<String> escalateTo) {

    public static final Duration SHORTEST_REPEAT = Duration.ofMinutes(1);
    private static final int MAX_MINUTES = 7 * 24 * 60;

    public RoutingRule {
        channels = List.copyOf(channels);
        escalateTo = List.copyOf(escalateTo);
    }

    public boolean matches(String rule, Severity severity, List<String> siteTags, Optional<String> siteCustomer) {
        return (tag == null || siteTags.contains(tag))
                && (customer == null || siteCustomer.filter(customer::equals).isPresent())
                && (kind == null || kind.equals(rule))
                && severity.compareTo(minSeverity) >= 0;
    }

    /**
     * Reads a rule as posted to the API; every problem is reported at once in the exception's message.
     *
     * @param knownChannel whether a channel id exists
     */
    public static RoutingRule fromJson(String id, JsonNode n, java.util.function.Predicate<String> knownChannel) {
        List<String> problems = new ArrayList<>();
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("send the rule as a JSON object");
        }
        String tag = optionalText(n, "tag", problems);
        String customer = optionalText(n, "customer", problems);
        if (tag != null && customer != null) {
            problems.add("give tag or customer, not both");
        }
        String kind = optionalText(n, "kind", problems);
        Severity min = Severity.WARNING;
        String minText = optionalText(n, "min_severity", problems);
        if (minText != null) {
            try {
                min = Severity.fromWire(minText);
            } catch (IllegalArgumentException e) {
                problems.add("min_severity must be info, warning or critical, not '" + minText + "'");
            }
        }
        List<String> channels = channelList(n, "channels", knownChannel, problems);
        if (channels.isEmpty() && !problems.stream().anyMatch(p -> p.startsWith("channels"))) {
            problems.add("channels must name at least one channel id");
        }
        Duration repeat = minutes(n, "repeat_minutes", problems);
        Duration escalateAfter = minutes(n, "escalate_after_minutes", problems);
        List<String> escalateTo = channelList(n, "escalate_to", knownChannel, problems);
        if (escalateAfter != null && escalateTo.isEmpty()) {
            problems.add("escalate_after_minutes needs escalate_to channels");
        }
        if (escalateAfter == null && !escalateTo.isEmpty()) {
            problems.add("escalate_to needs escalate_after_minutes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RoutingRule(id, tag, customer, kind, min, channels, repeat, escalateAfter, escalateTo);
    }

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("tag", tag);
        n.put("customer", customer);
        n.put("kind", kind);
        n.put("min_severity", minSeverity.wireName());
        channels.forEach(n.putArray("channels")::add);
        putMinutes(n, "repeat_minutes", repeatEvery);
        putMinutes(n, "escalate_after_minutes", escalateAfter);
        escalateTo.forEach(n.putArray("escalate_to")::add);
        return n;
    }

    private static void putMinutes(ObjectNode n, String key, Duration d) {
        if (d == null) {
            n.putNull(key);
        } else {
            n.put(key, d.toMinutes());
        }
    }

    private static String optionalText(JsonNode n, String key, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 64) {
            problems.add(key + " must be a string of 1 to 64 characters");
            return null;
        }
        return v.asText();
    }

    private static Duration minutes(JsonNode n, String key, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_MINUTES) {
            problems.add(key + " must be a whole number of minutes from 1 to " + MAX_MINUTES);
            return null;
        }
        return Duration.ofMinutes(v.asInt());
    }

    private static List<String> channelList(
            JsonNode n, String key, java.util.function.Predicate<String> known, List<String> problems) {
        JsonNode v = n.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(key + " must be an array of channel ids");
            return out;
        }
        for (JsonNode c : v) {
            if (!c.isTextual()) {
                problems.add(key + " must be an array of channel ids");
            } else if (!known.test(c.asText())) {
                problems.add(key + ": no channel with id '" + c.asText() + "'");
            } else if (!out.contains(c.asText())) {
                out.add(c.asText());
            }
        }
        return out;
    }
}
