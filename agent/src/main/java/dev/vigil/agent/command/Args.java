package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Small checks of command arguments, each answering with the problem in words. */
final class Args {
    private Args() {}

    /** A problem when {@code args} holds a key not in {@code accepted}. */
    static Optional<String> onlyKeys(ObjectNode args, String... accepted) {
        List<String> known = List.of(accepted);
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("unknown argument " + String.join(", ", unknown)
                + (known.isEmpty() ? "; this action takes none" : "; accepted: " + String.join(", ", known)));
    }

    /** An RFC 3339 time with its offset ({@code 2026-12-07T18:00:00Z}, {@code …+01:00}), or empty. */
    static Optional<Instant> time(ObjectNode args, String key) {
        if (!args.path(key).isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(args.path(key).asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
