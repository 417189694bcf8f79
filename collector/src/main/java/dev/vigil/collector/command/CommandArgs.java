package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.CommandActions;
import dev.vigil.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * The shape of each action's args (docs/commands.md). {@link #check} returns the args as sent to the agent or throws
 * {@link IllegalArgumentException} with a one-line reason for a 400.
 */
final class CommandArgs {
    static final int MAX_HOLD_S = 600;
    static final Duration MAX_PAUSE = Duration.ofDays(7);
    static final int MAX_ROUTER_NAME = 64;

    private CommandArgs() {}

    static ObjectNode check(String action, JsonNode args, Instant now) {
        if (args != null && !args.isNull() && !args.isObject()) {
            throw new IllegalArgumentException("args must be a JSON object");
        }
        ObjectNode given = args == null || args.isNull() ? Json.object() : ((ObjectNode) args).deepCopy();
        switch (action) {
            case CommandActions.PAUSE_REPAIRS -> {
                only(action, given, Set.of("until"));
                Instant until = time(given.path("until"));
                if (until == null) {
                    throw new IllegalArgumentException(
                            "pause_repairs needs args.until, an RFC 3339 time such as 2026-01-31T12:00:00Z");
                }
                if (!until.isAfter(now) || until.isAfter(now.plus(MAX_PAUSE))) {
                    throw new IllegalArgumentException("args.until must be in the future and at most 7 days ahead");
                }
                given.put("until", until.toString());
            }
            case CommandActions.FAILOVER_DRILL -> {
                only(action, given, Set.of("hold_s"));
                JsonNode hold = given.path("hold_s");
                if (!hold.isIntegralNumber() || hold.asLong() < 1 || hold.asLong() > MAX_HOLD_S) {
                    throw new IllegalArgumentException(
                            "failover_drill needs args.hold_s, a whole number of seconds from 1 to " + MAX_HOLD_S);
                }
            }
            case CommandActions.BACKUP_CONFIG -> {
                only(action, given, Set.of("router"));
                JsonNode router = given.path("router");
                if (!router.isMissingNode()
                        && (!router.isTextual()
                                || router.asText().isBlank()
                                || router.asText().length() > MAX_ROUTER_NAME)) {
                    throw new IllegalArgumentException(
                            "args.router must be a router name of 1 to " + MAX_ROUTER_NAME + " characters");
                }
            }
            case CommandActions.RESUME_REPAIRS, CommandActions.PROBE_NOW, CommandActions.REFRESH_STATE ->
                only(action, given, Set.of());
            default ->
                throw new IllegalArgumentException("unknown action '" + shortened(action) + "'; use one of "
                        + String.join(", ", CommandActions.ALL));
        }
        return given;
    }

    private static void only(String action, ObjectNode args, Set<String> allowed) {
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(action + " takes "
                        + (allowed.isEmpty()
                                ? "no args"
                                : "only "
                                        + String.join(
                                                ", ", allowed.stream().sorted().toList()))
                        + ", not '" + shortened(name) + "'");
            }
        }
    }

    private static String shortened(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    private static Instant time(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
