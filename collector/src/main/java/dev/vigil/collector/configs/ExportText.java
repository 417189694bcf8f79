package dev.vigil.collector.configs;

import java.time.Instant;

/** The assembled text of one export, checked against its sha256, to be stored as a version. */
record ExportText(
        String site, String router, String exportId, String sha256, int bytes, String text, Instant exportedAt) {}
