package dev.vigil.collector.notify.channel;

/** A channel URL that cannot be used; the message names what is wrong and never repeats a secret. */
public final class ChannelUrlException extends IllegalArgumentException {
    public ChannelUrlException(String message) {
        super(message);
    }
}
