package dev.vigil.testkit.routeros;

/**
 * What the simulated router does instead of answering a command (login is always answered properly). The first six
 * hit every command on the binary API; the export ones hit only the export's commands, on the API and REST.
 */
public enum Misbehaviour {
    NONE,
    /** Bytes that are not the API: starts with a reserved control byte. */
    GARBAGE,
    /** Half a reply sentence, then the socket is closed. */
    CLOSE_MID_SENTENCE,
    /** A word announced with the 5-byte length form: 256 MiB, far above any client's word cap. */
    FIVE_BYTE_LENGTH,
    /** Reads the command and never answers (until {@code /cancel}). */
    NEVER_ANSWER,
    /** Two {@code !trap} replies, then {@code !done}. */
    MULTI_TRAP,
    /** {@code !fatal} with a reason, then the socket is closed. */
    FATAL,
    /** {@code /export} answers a trap (a user without the needed policy); everything else is answered. */
    REFUSE_EXPORT,
    /** Export files report their whole size but hold only the first half. */
    TRUNCATE_EXPORT,
    /** Reading a file ({@code /file/...}) gets half a reply, then the connection is closed. */
    DROP_DURING_EXPORT
}
