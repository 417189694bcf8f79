package dev.vigil.agent.routeros;

import java.net.ConnectException;

/**
 * A configuration export that did not produce the whole text. {@link #reason()} is one word for events
 * ({@code config.export_failed}); the message is one line without secrets.
 */
public final class ExportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The router answered {@code !trap} or an HTTP error: e.g. a user without the policy export needs. */
    public static final String REFUSED = "refused";
    /** A call did not finish before its deadline. */
    public static final String TIMEOUT = "timeout";
    /** The router sent bytes that are not the API (or REST sent something other than JSON). */
    public static final String BAD_REPLY = "bad_reply";
    /** No connection could be made (or TLS failed). */
    public static final String UNREACHABLE = "unreachable";
    /** The connection dropped while the export ran or was read. */
    public static final String CONNECTION_LOST = "connection_lost";
    /** The file holds fewer bytes than the router says it has. */
    public static final String TRUNCATED = "truncated";
    /** The file is too large to read back over this router's API (v6 has no {@code /file/read}). */
    public static final String TOO_LARGE = "too_large";
    /** {@code /export} finished but left no file to read. */
    public static final String NO_FILE = "no_file";
    /** Anything else: a fault of the agent, not of the router. */
    public static final String INTERNAL = "internal";

    private final String reason;

    public ExportFailedException(String reason, String detail) {
        super(oneLine(detail));
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The export failure for any error of an export's calls. */
    public static ExportFailedException of(Throwable error) {
        Throwable t = error;
        while (!(t instanceof ExportFailedException) && !(t instanceof RouterOsException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ExportFailedException e) {
            return e;
        }
        if (!(t instanceof RouterOsException e)) {
            return new ExportFailedException(INTERNAL, error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        String reason = switch (e.kind()) {
            case TRAP, LOGIN -> REFUSED;
            case TIMEOUT -> TIMEOUT;
            case PROTOCOL -> BAD_REPLY;
            case TLS -> UNREACHABLE;
            case CONNECTION -> e.getCause() instanceof ConnectException ? UNREACHABLE : CONNECTION_LOST;
            case FATAL, CLOSED -> CONNECTION_LOST;
        };
        return new ExportFailedException(reason, e.getMessage());
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
