package dev.vigil.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of topic in the contract, each with the payload it carries. */
public enum TopicKind {
    EVENTS("events", PayloadKind.EVENT),
    STATE("state", PayloadKind.STATE),
    STATUS("status", PayloadKind.STATUS),
    METRICS("metrics", PayloadKind.METRICS),
    COMMANDS("commands", PayloadKind.COMMAND),
    ALERTS("alerts", PayloadKind.ALERT);

    private final String level;
    private final PayloadKind payload;

    TopicKind(String level, PayloadKind payload) {
        this.level = level;
        this.payload = payload;
    }

    public String level() {
        return level;
    }

    public PayloadKind payload() {
        return payload;
    }

    static Optional<TopicKind> fromLevel(String level) {
        return Arrays.stream(values()).filter(k -> k.level.equals(level)).findFirst();
    }
}
