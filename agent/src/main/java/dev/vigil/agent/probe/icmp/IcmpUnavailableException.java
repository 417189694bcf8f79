package dev.vigil.agent.probe.icmp;

/** An ICMP socket could not be opened or set up; the message says why and how to fix it. */
public final class IcmpUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public IcmpUnavailableException(String message) {
        super(message);
    }
}
