package dev.vigil.collector.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.audit.AuditEntry;
import dev.vigil.protocol.Json;
import java.util.Map;

/** The audit line of an {@link AuthLog} line: its kind in the audit log's words, the user it is about in details. */
final class AuthAudit {
    private record Kind(String kind, String summary) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "lockout", new Kind("lockout.started", "account locked out after repeated failed sign-ins"),
            "lockout_lifted", new Kind("lockout.lifted", "lockout lifted"),
            "password_changed", new Kind("password.changed", "changed own password"),
            "password_reset", new Kind("password.reset", "password reset"),
            "user_deleted", new Kind("user.deleted", "user deleted"),
            "token_created", new Kind("token.created", "API token created"),
            "token_revoked", new Kind("token.revoked", "API token revoked"),
            "totp_enabled", new Kind("totp.enabled", "two-factor sign-in turned on"),
            "totp_disabled", new Kind("totp.disabled", "two-factor sign-in turned off"),
            "recovery_code_used", new Kind("totp.recovery_code_used", "signed in with a recovery code"));

    private AuthAudit() {}

    static AuditEntry entry(String kind, String subject, String source, String actor) {
        Kind k = KINDS.getOrDefault(kind, new Kind("auth." + kind, kind));
        ObjectNode details = kind.equals("token_revoked")
                ? Json.object().put("token", subject)
                : Json.object().put("user", subject);
        String who = actor != null ? actor : "collector";
        String summary = k.summary() + (kind.equals("token_revoked") ? "" : ": " + subject);
        return new AuditEntry(k.kind(), who, null, "ok", summary, details, source);
    }
}
