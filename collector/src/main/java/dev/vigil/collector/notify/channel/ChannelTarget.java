package dev.vigil.collector.notify.channel;

/** Where a channel delivers, parsed from its URL; {@link #masked()} is the only form ever shown or logged. */
public sealed interface ChannelTarget
        permits NtfyTarget, GotifyTarget, PushoverTarget, TelegramTarget, MailTarget, WebhookTarget {

    /** The URL scheme as given, e.g. {@code ntfys}. */
    String scheme();

    /** The URL with every password and token replaced by {@code ****}. */
    String masked();

    /** Masks a secret: nothing of it is kept but that it is there. */
    static String mask(String secret) {
        return secret == null ? null : "****";
    }

    static String hostPort(String host, int port) {
        return port < 0 ? host : host + ":" + port;
    }
}
