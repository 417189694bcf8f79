package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What each kind of notification says. Pure. */
final class Messages {
    static final int MAX_LINES = 20;

    private Messages() {}

    static int priority(Severity s) {
        return switch (s) {
            case CRITICAL -> 5;
            case WARNING -> 4;
            case INFO -> 3;
        };
    }

    static String groupKey(String alertId) {
        String safe = alertId.replaceAll("[^A-Za-z0-9_-]", "");
        return ("vigil-" + safe).substring(0, Math.min(64, 6 + safe.length()));
    }

    static Notification alert(NotificationKind kind, AlertRecord a, String ackUrl) {
        String prefix = switch (kind) {
            case REMINDER -> "Reminder: ";
            case ESCALATION -> "Escalated: ";
            default -> "";
        };
        return new Notification(
                kind,
                a.id(),
                a.site(),
                a.rule(),
                a.severity(),
                priority(a.severity()),
                prefix + a.title(),
                a.body(),
                List.of(a.severity() == Severity.CRITICAL ? "rotating_light" : "warning", a.rule()),
                a.link(),
                ackUrl,
                groupKey(a.id()));
    }

    static Notification resolved(AlertRecord a) {
        return new Notification(
                NotificationKind.RESOLVED,
                a.id(),
                a.site(),
                a.rule(),
                Severity.INFO,
                2,
                "Resolved: " + a.title(),
                "Resolved after " + human(Duration.between(a.openedAt(), a.updatedAt())) + ".",
                List.of("white_check_mark", a.rule()),
                a.link(),
                null,
                groupKey(a.id()));
    }

    /** The site is back: how long it was gone and what happened meanwhile. */
    static Notification summary(AlertRecord offline, Duration gone, List<String> held) {
        StringBuilder m = new StringBuilder("Back online after " + human(gone) + ".");
        if (held.isEmpty()) {
            m.append(" Nothing else happened meanwhile.");
        } else {
            m.append(" Meanwhile ").append(held.size()).append(held.size() == 1 ? " alert:" : " alerts:");
            appendLines(m, held);
        }
        return new Notification(
                NotificationKind.SUMMARY,
                offline.id(),
                offline.site(),
                offline.rule(),
                Severity.INFO,
                3,
                offline.site() + ": back online",
                m.toString(),
                List.of("white_check_mark", offline.rule()),
                offline.link(),
                null,
                groupKey(offline.id()));
    }

    static Notification digest(List<Notification> held, long minute) {
        int top = held.stream().mapToInt(Notification::priority).max().orElse(3);
        Severity worst =
                held.stream().map(Notification::severity).max(Enum::compareTo).orElse(Severity.INFO);
        List<String> lines = new ArrayList<>();
        held.forEach(n -> lines.add(n.title()));
        StringBuilder m = new StringBuilder(held.size() + " notifications held back in one minute:");
        appendLines(m, lines);
        return new Notification(
                NotificationKind.DIGEST,
                null,
                null,
                null,
                worst,
                top,
                "Vigil: " + held.size() + " alerts in one minute",
                m.toString(),
                List.of("rotating_light", "digest"),
                null,
                null,
                "vigil-digest-" + minute);
    }

    private static void appendLines(StringBuilder m, List<String> lines) {
        for (int i = 0; i < Math.min(MAX_LINES, lines.size()); i++) {
            m.append("\n- ").append(lines.get(i));
        }
        if (lines.size() > MAX_LINES) {
            m.append("\n… and ").append(lines.size() - MAX_LINES).append(" more");
        }
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
