package dev.vigil.protocol;

/** Each payload of the contract, its record type and its JSON Schema on the classpath. */
public enum PayloadKind {
    EVENT(Event.class, "event"),
    STATE(SiteState.class, "state"),
    STATUS(SiteStatus.class, "status"),
    METRICS(SiteMetrics.class, "metrics"),
    ALERT(Alert.class, "alert"),
    COMMAND(Command.class, "command");

    private final Class<? extends Record> type;
    private final String schemaName;

    PayloadKind(Class<? extends Record> type, String schemaName) {
        this.type = type;
        this.schemaName = schemaName;
    }

    public Class<? extends Record> type() {
        return type;
    }

    /** Classpath resource of this payload's JSON Schema. */
    public String schemaResource() {
        return "/dev/vigil/protocol/schema/v" + Protocol.SCHEMA_VERSION + "/" + schemaName + ".schema.json";
    }
}
