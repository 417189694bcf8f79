package dev.vigil.agent.routeros;

import java.util.List;

/**
 * A failed RouterOS call. {@link #kind()} tells callers what went wrong without parsing text; for a {@code !trap} the
 * traps carry the router's message and category. Messages never contain a password.
 */
public class RouterOsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** The router answered {@code !trap} (or REST answered an error status). */
        TRAP,
        /** The router sent {@code !fatal} and closed the session. */
        FATAL,
        /** The router refused the user name or password. */
        LOGIN,
        /** The TCP/TLS connection could not be made or was lost. */
        CONNECTION,
        /** The certificate did not match the pinned fingerprint or CA. */
        TLS,
        /** The call did not finish before its deadline (it was cancelled on the router). */
        TIMEOUT,
        /** The router sent bytes that are not the RouterOS API. */
        PROTOCOL,
        /** The client was closed. */
        CLOSED
    }

    /** One {@code !trap}: message and category (0–7; -1 when the router gave none). */
    public record Trap(String message, int category) {}

    private final Kind kind;
    private final transient List<Trap> traps;

    public RouterOsException(Kind kind, String message) {
        this(kind, message, List.of(), null);
    }

    public RouterOsException(Kind kind, String message, Throwable cause) {
        this(kind, message, List.of(), cause);
    }

    public RouterOsException(Kind kind, String message, List<Trap> traps, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.traps = List.copyOf(traps);
    }

    public Kind kind() {
        return kind;
    }

    public List<Trap> traps() {
        return traps;
    }

    /** The category of the first trap, or -1. */
    public int category() {
        return traps.isEmpty() ? -1 : traps.get(0).category();
    }
}
