package dev.vigil.collector.app;

/** The collector cannot start; the message says why and what to change. */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
