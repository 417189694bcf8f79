package dev.vigil.collector.auth;

import java.util.Locale;
import java.util.Optional;

/** What a user may do, each role including the one below it. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.wireName().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
