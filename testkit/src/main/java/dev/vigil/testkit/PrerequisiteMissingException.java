package dev.vigil.testkit;

/** A test cannot run here; the message says what is missing and how to install it. */
public final class PrerequisiteMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PrerequisiteMissingException(String message) {
        super(message);
    }
}
