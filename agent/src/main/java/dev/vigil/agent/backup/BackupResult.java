package dev.vigil.agent.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Json;

/** How one router's export ended: sent (id, hash, size, parts) or failed (reason, detail). */
public record BackupResult(
        String router,
        boolean ok,
        String exportId,
        String sha256,
        long bytes,
        int parts,
        String reason,
        String detail) {

    static BackupResult exported(String router, String exportId, String sha256, long bytes, int parts) {
        return new BackupResult(router, true, exportId, sha256, bytes, parts, null, null);
    }

    static BackupResult failed(String router, String reason, String detail) {
        return new BackupResult(router, false, null, null, 0, 0, reason, detail);
    }

    /** As the {@code backup_config} command reports it. */
    public ObjectNode json() {
        ObjectNode node = Json.object().put("router", router);
        if (ok) {
            node.put("export_id", exportId)
                    .put("sha256", sha256)
                    .put("bytes", bytes)
                    .put("parts", parts);
        } else {
            node.put("reason", reason).put("detail", detail);
        }
        return node;
    }
}
