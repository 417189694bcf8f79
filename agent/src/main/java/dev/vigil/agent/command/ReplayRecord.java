package dev.vigil.agent.command;

import dev.vigil.agent.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The ids of the commands this agent has accepted, each until its {@code expires_at} (after that the command is
 * refused as expired anyway). One line per id, {@code ID EXPIRES_EPOCH_MS}, appended and fsynced before the command
 * runs, so neither a restart nor a SIGKILL lets a command run twice. Rewritten without the expired ids at open and
 * when it has grown to mostly expired lines; a torn last line (power cut mid-write) is skipped.
 */
public final class ReplayRecord implements AutoCloseable {
    static final String FILE = "seen-commands";
    private static final Logger LOG = System.getLogger(ReplayRecord.class.getName());
    private static final int COMPACT_AFTER = 1_000;

    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> seen = new HashMap<>();
    private FileChannel appender;
    private int appended;

    private ReplayRecord(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Opens (creating the directory) and forgets what has expired. */
    public static ReplayRecord open(Path dir, Clock clock) throws IOException {
        Files.createDirectories(dir);
        ReplayRecord record = new ReplayRecord(dir.resolve(FILE), clock);
        record.load();
        record.rewrite();
        return record;
    }

    /** True the first time an id is offered (and durably recorded); false for an id seen before and not expired. */
    public synchronized boolean firstSight(String id, Instant expiresAt) {
        forgetExpired();
        if (seen.containsKey(id)) {
            return false;
        }
        try {
            if (appended >= COMPACT_AFTER && appended > 2 * seen.size()) {
                rewrite();
            }
            ByteBuffer line = StandardCharsets.UTF_8.encode(id + " " + expiresAt.toEpochMilli() + "\n");
            while (line.hasRemaining()) {
                appender.write(line);
            }
            appender.force(false);
            appended++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record command id in " + file + ": " + e.getMessage(), e);
        }
        seen.put(id, expiresAt);
        return true;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        forgetExpired();
        return seen.size();
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        int damaged = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException(line);
                }
                seen.put(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])));
            } catch (NumberFormatException e) {
                damaged++;
            }
        }
        if (damaged > 0) {
            LOG.log(Level.WARNING, damaged + " damaged line(s) in " + file + " skipped (an interrupted write)");
        }
        forgetExpired();
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        seen.values().removeIf(expires -> !expires.isAfter(now));
    }

    /** Writes the live ids to a temporary file, fsyncs, renames it over the record and fsyncs the directory. */
    private void rewrite() throws IOException {
        closeAppender();
        StringBuilder text = new StringBuilder();
        seen.forEach((id, expires) ->
                text.append(id).append(' ').append(expires.toEpochMilli()).append('\n'));
        DurableFiles.replace(file, text.toString());
        appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        appended = 0;
    }

    private void closeAppender() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeAppender();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + file + " failed", e);
        }
    }
}
