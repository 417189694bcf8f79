package dev.vigil.collector.alerts;

import dev.vigil.protocol.Severity;

/** What a rule decided about one site + rule + subject. */
public sealed interface AlertAction {
    String rule();

    String subject();

    record Open(String rule, String subject, Severity severity, String title, String body) implements AlertAction {}

    record Resolve(String rule, String subject, String note) implements AlertAction {}
}
