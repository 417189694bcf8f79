package dev.vigil.agent.probe.net;

import java.io.IOException;

/** A probe cannot bind where its WAN says: the message is the probe's failure reason as it stands. */
public final class BindingUnavailableException extends IOException {
    public BindingUnavailableException(String message) {
        super(message);
    }
}
