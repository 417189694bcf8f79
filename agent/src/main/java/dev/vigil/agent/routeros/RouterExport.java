package dev.vigil.agent.routeros;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /export} over the binary API or REST (docs/config-backup.md). Neither returns the text of a plain
 * {@code /export}, so the router writes it to {@value #FILE}, which is then read back: from {@code contents} of
 * {@code /file/print} when the router includes it (files up to 60 KiB), otherwise in chunks of {@code /file/read}
 * (v7.13+), and removed again whatever happened. The bytes read must match the size the router reports.
 */
public final class RouterExport {
    /** The export file's name without {@code .rsc}; the same name each time, so an interrupted export leaves one. */
    public static final String FILE_BASE = "vigil-export";

    public static final String FILE = FILE_BASE + ".rsc";
    /** The largest {@code chunk-size} RouterOS accepts for {@code /file/read}. */
    public static final int CHUNK = 32_768;
    /** Reading stops here: a router that keeps sending data cannot fill the agent's memory. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /** The export's text exactly as the router wrote it, and the major version it came from. */
    public record Result(String text, int majorVersion) {}

    private final RouterOsClient client;
    private final boolean showSensitive;
    private final Duration exportTimeout;

    private RouterExport(RouterOsClient client, boolean showSensitive, Duration exportTimeout) {
        this.client = client;
        this.showSensitive = showSensitive;
        this.exportTimeout = exportTimeout;
    }

    /**
     * Exports and reads back; fails with an {@link ExportFailedException}.
     *
     * @param showSensitive include passwords and keys (v6 {@code /export} without {@code hide-sensitive}, v7 with
     *     {@code show-sensitive})
     * @param exportTimeout deadline of the {@code /export} call itself (large configs take seconds)
     */
    public static CompletionStage<Result> run(RouterOsClient client, boolean showSensitive, Duration exportTimeout) {
        RouterExport export = new RouterExport(client, showSensitive, exportTimeout);
        CompletableFuture<Result> result = new CompletableFuture<>();
        client.majorVersion()
                .thenCompose(major -> export.exportAndRead(major).thenApply(text -> new Result(text, major)))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(ExportFailedException.of(e));
                    } else {
                        result.complete(r);
                    }
                });
        return result;
    }

    /** The {@code /export} command as sent: the file, and the sensitive flag that version understands. */
    static Command exportCommand(int major, boolean showSensitive) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("file", FILE_BASE);
        if (major < 7 && !showSensitive) {
            attributes.put("hide-sensitive", "");
        } else if (major >= 7 && showSensitive) {
            attributes.put("show-sensitive", "");
        }
        return new Command("/export", attributes, List.of(), List.of());
    }

    private CompletionStage<String> exportAndRead(int major) {
        return client.call(exportCommand(major, showSensitive), exportTimeout)
                .thenCompose(done -> client.print("/file", List.of(".id", "name", "size", "contents"), "name=" + FILE))
                .thenCompose(items -> {
                    if (items.isEmpty()) {
                        throw new ExportFailedException(
                                ExportFailedException.NO_FILE,
                                "/export finished but " + FILE + " is not on the router");
                    }
                    Map<String, String> file = items.get(0);
                    return read(major, file)
                            .handle((text, error) -> new Outcome(text, error))
                            .thenCompose(outcome -> remove(file.get(".id")).thenApply(x -> outcome.get()));
                });
    }

    private CompletionStage<String> read(int major, Map<String, String> file) {
        long size = size(file.get("size"));
        String contents = file.get("contents");
        if (contents != null && (size < 0 || utf8Length(contents) >= size)) {
            return CompletableFuture.completedFuture(checked(contents, size));
        }
        if (major < 7) {
            if (contents != null) {
                return CompletableFuture.completedFuture(checked(contents, size));
            }
            return CompletableFuture.failedFuture(new ExportFailedException(
                    ExportFailedException.TOO_LARGE,
                    FILE + " has " + size + " bytes; RouterOS " + major
                            + " gives no contents for files this large over the API"));
        }
        return readChunks(new StringBuilder(), 0, size);
    }

    private CompletionStage<String> readChunks(StringBuilder text, long offset, long size) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("file", FILE);
        attributes.put("offset", Long.toString(offset));
        attributes.put("chunk-size", Integer.toString(CHUNK));
        return client.call(new Command("/file/read", attributes, List.of(), List.of()))
                .thenCompose(reply -> {
                    String data =
                            reply.items().isEmpty() ? "" : reply.items().get(0).getOrDefault("data", "");
                    long read = offset + utf8Length(data);
                    text.append(data);
                    boolean last = size >= 0 ? read >= size : utf8Length(data) < CHUNK;
                    if (data.isEmpty() || last || read > MAX_BYTES) {
                        return CompletableFuture.completedFuture(checked(text.toString(), size));
                    }
                    return readChunks(text, read, size);
                });
    }

    private CompletionStage<Void> remove(String id) {
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return client.call(new Command("/file/remove", Map.of(".id", id), List.of(), List.of()))
                .handle((reply, error) -> null);
    }

    private static String checked(String text, long size) {
        long read = utf8Length(text);
        if (size >= 0 && read != size) {
            throw new ExportFailedException(
                    ExportFailedException.TRUNCATED,
                    "read " + read + " bytes of " + FILE + " but the router reports " + size);
        }
        if (read > MAX_BYTES) {
            throw new ExportFailedException(ExportFailedException.TOO_LARGE, FILE + " exceeds " + MAX_BYTES + " bytes");
        }
        return text;
    }

    /** The {@code size} of {@code /file/print}: bytes as digits; -1 when the router gave none or another form. */
    static long size(String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A read's text or error, carried past the file's removal. */
    private record Outcome(String text, Throwable error) {
        String get() {
            if (error != null) {
                throw error instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(error);
            }
            return text;
        }
    }
}
