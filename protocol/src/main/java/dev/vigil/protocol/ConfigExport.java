package dev.vigil.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A router's configuration export as the {@code data} of {@code config.exported} events: the text gzipped, base64,
 * cut into parts that each fit one event (docs/commands.md). Every part carries {@code router}, {@code export_id},
 * {@code part} (1-based), {@code parts}, {@code sha256} and {@code bytes} of the whole text, {@code encoding} and
 * {@code chunk}.
 */
public final class ConfigExport {
    /** Base64 characters per part: one event stays well under the 64 KiB payload limit. */
    public static final int CHUNK_CHARS = 48_000;
    /** The largest export text accepted when assembling (a gzip bomb stops here). */
    public static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

    public static final String ENCODING = "gzip+base64";

    private ConfigExport() {}

    public static List<ObjectNode> parts(String router, String exportId, String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getEncoder().encodeToString(gzip(raw));
        int parts = Math.max(1, (encoded.length() + CHUNK_CHARS - 1) / CHUNK_CHARS);
        List<ObjectNode> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            ObjectNode data = Json.object();
            data.put("router", router);
            data.put("export_id", exportId);
            data.put("part", i + 1);
            data.put("parts", parts);
            data.put("sha256", sha256(raw));
            data.put("bytes", raw.length);
            data.put("encoding", ENCODING);
            data.put("chunk", encoded.substring(i * CHUNK_CHARS, Math.min(encoded.length(), (i + 1) * CHUNK_CHARS)));
            out.add(data);
        }
        return out;
    }

    /**
     * The text of a complete set of parts (any order, duplicates allowed).
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static String assemble(List<? extends JsonNode> received) {
        if (received.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        JsonNode first = received.get(0);
        int parts = first.path("parts").asInt(0);
        String sha = first.path("sha256").asText("");
        if (parts < 1 || !ENCODING.equals(first.path("encoding").asText())) {
            throw new IllegalArgumentException("parts must be at least 1 and encoding " + ENCODING);
        }
        JsonNode[] byPart = new JsonNode[parts];
        for (JsonNode p : received) {
            int index = p.path("part").asInt(0);
            if (index < 1
                    || index > parts
                    || p.path("parts").asInt() != parts
                    || !sha.equals(p.path("sha256").asText())) {
                throw new IllegalArgumentException("part " + index + " does not belong to this export of " + parts);
            }
            byPart[index - 1] = p;
        }
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            if (byPart[i] == null) {
                throw new IllegalArgumentException("part " + (i + 1) + " of " + parts + " is missing");
            }
            encoded.append(byPart[i].path("chunk").asText());
        }
        byte[] raw;
        try {
            raw = gunzip(Base64.getDecoder().decode(encoded.toString()));
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("the chunks are not gzip+base64: " + e.getMessage());
        }
        if (!sha256(raw).equals(sha)) {
            throw new IllegalArgumentException("sha256 of the assembled text does not match");
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] raw) {
        var out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] text = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (text.length > MAX_TEXT_BYTES) {
                throw new IOException("the text exceeds " + MAX_TEXT_BYTES + " bytes");
            }
            return text;
        }
    }
}
