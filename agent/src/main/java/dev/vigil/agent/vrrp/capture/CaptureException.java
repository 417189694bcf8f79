package dev.vigil.agent.vrrp.capture;

/** A capture that cannot start or continue; the message is one line that says what to do about it. Unchecked so
 * that {@link dev.vigil.agent.vrrp.VrrpMonitor#live} keeps the signature the agent wires. */
public final class CaptureException extends RuntimeException {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
