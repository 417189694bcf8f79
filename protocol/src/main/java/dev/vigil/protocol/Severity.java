package dev.vigil.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much an event or alert matters to the person on call. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
