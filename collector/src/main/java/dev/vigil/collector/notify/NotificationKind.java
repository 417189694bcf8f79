package dev.vigil.collector.notify;

/** Why a notification is sent. */
public enum NotificationKind {
    ALERT,
    REMINDER,
    ESCALATION,
    RESOLVED,
    DIGEST,
    SUMMARY,
    TEST
}
