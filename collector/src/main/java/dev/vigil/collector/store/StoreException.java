package dev.vigil.collector.store;

/** The database refused or failed an operation; the message says what. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
