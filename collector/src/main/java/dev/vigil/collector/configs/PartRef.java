package dev.vigil.collector.configs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.protocol.Event;
import java.time.Instant;

/** Which export a stored {@code config.exported} event belongs to, without its chunk. */
record PartRef(String site, String router, String exportId, Instant time) {
    static final int MAX_PARTS = 512;
    static final int MAX_ROUTER = 100;
    private static final String EXPORT_ID = "[A-Za-z0-9._:-]{1,64}";

    /**
     * The reference of a part.
     *
     * @throws IllegalArgumentException naming the field that does not fit
     */
    static PartRef of(Event event) {
        JsonNode data = event.data();
        String router = data.path("router").asText("");
        String exportId = data.path("export_id").asText("");
        if (router.isBlank() || router.length() > MAX_ROUTER) {
            throw new IllegalArgumentException("router must be a name of 1 to " + MAX_ROUTER + " characters");
        }
        if (!exportId.matches(EXPORT_ID)) {
            throw new IllegalArgumentException("export_id must be 1 to 64 letters, digits or . _ : -");
        }
        int parts = data.path("parts").asInt(0);
        int part = data.path("part").asInt(0);
        if (parts < 1 || parts > MAX_PARTS || part < 1 || part > parts) {
            throw new IllegalArgumentException(
                    "part " + part + " of " + parts + " is out of range (at most " + MAX_PARTS + " parts)");
        }
        return new PartRef(event.site(), router, exportId, event.time());
    }
}
