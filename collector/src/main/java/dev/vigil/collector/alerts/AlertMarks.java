package dev.vigil.collector.alerts;

/** Why an unresolved alert was recorded but not sent to anyone (maintenance, snooze, …), for the alerts API. */
@FunctionalInterface
public interface AlertMarks {
    AlertMarks NONE = id -> null;

    /** Null when the alert was not muted. */
    String mutedBy(String alertId);
}
