package dev.vigil.testkit.lab;

/** The site lab could not build or change the network, or a router did not behave as asked. */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
