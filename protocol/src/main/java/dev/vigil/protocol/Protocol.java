package dev.vigil.protocol;

/** Constants of the wire contract. */
public final class Protocol {
    /** The payload schema version this build writes and the only one it accepts. */
    public static final int SCHEMA_VERSION = 1;

    /** Largest payload the collector accepts on any topic. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Default topic prefix. */
    public static final String DEFAULT_TOPIC_PREFIX = "vigil/v1";

    private Protocol() {}
}
