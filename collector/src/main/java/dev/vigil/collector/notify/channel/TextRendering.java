package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;

/** The plain-text form for services without buttons: the message, then its links. */
final class TextRendering {
    private TextRendering() {}

    static String withLinks(Notification n) {
        StringBuilder s = new StringBuilder(n.message());
        if (n.clickUrl() != null) {
            s.append("\n\nOpen: ").append(n.clickUrl());
        }
        if (n.ackUrl() != null) {
            s.append(n.clickUrl() == null ? "\n\n" : "\n")
                    .append("Acknowledge: ")
                    .append(n.ackUrl());
        }
        return s.toString();
    }
}
