package dev.vigil.collector.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Alert;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.WireCodec;

/** An alert in the wire form ({@code alert} schema) and in the API form (plus {@code acknowledged_by}). */
public final class AlertViews {
    private AlertViews() {}

    public static Alert wire(AlertRecord a) {
        return new Alert(
                Protocol.SCHEMA_VERSION,
                a.id(),
                a.site(),
                a.rule(),
                a.severity(),
                a.state(),
                a.title(),
                a.body(),
                a.link(),
                a.openedAt(),
                a.updatedAt());
    }

    public static ObjectNode api(AlertRecord a) {
        ObjectNode node = WireCodec.mapper().valueToTree(wire(a));
        if (a.acknowledgedBy() == null) {
            node.putNull("acknowledged_by");
        } else {
            node.put("acknowledged_by", a.acknowledgedBy());
        }
        return node;
    }
}
