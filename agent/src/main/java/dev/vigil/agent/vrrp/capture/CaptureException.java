package dev.vigil.agent.vrrp.capture;

/** A capture that cannot start or continue; the message is one line that says what to do about it. */
public final class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
