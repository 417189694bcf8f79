package dev.vigil.testkit.lab;

import com.sun.jna.LastErrorException;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads keepalived's notify FIFO ({@code vrrp_notify_fifo}) and writes each instance's state file. keepalived runs
 * notify scripts concurrently, so two quick transitions (BACKUP→MASTER→BACKUP within milliseconds at start-up) can
 * land in the wrong order; the FIFO delivers them in order. Lines look like {@code INSTANCE "lan4" MASTER 150}.
 */
final class NotifyFifoReader {
    private static final int FIFO_MODE = 0600;
    private static final Set<String> STATES = Set.of("MASTER", "BACKUP", "FAULT", "STOP");

    private final KeepalivedFiles files;
    private final Thread thread;
    private volatile boolean stopped;

    NotifyFifoReader(KeepalivedFiles files, String name) {
        this.files = files;
        Path fifo = files.notifyFifo();
        if (!Files.exists(fifo)) {
            try {
                LibC.INSTANCE.mkfifo(fifo.toString(), FIFO_MODE);
            } catch (LastErrorException e) {
                throw new LabException("cannot create the notify FIFO " + fifo + " (errno " + e.getErrorCode() + ")");
            }
        }
        this.thread = new Thread(this::run, "keepalived-notify-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the reader: wakes it from a blocking open() or read() with a writer that opens and closes at once. */
    void stop() {
        stopped = true;
        try {
            int fd = LibC.INSTANCE.open(files.notifyFifo().toString(), LibC.O_WRONLY | LibC.O_NONBLOCK);
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // ENXIO: no reader left, nothing to wake
        }
    }

    private void run() {
        while (!stopped) {
            // open() blocks until keepalived opens the FIFO; EOF when it exits (then wait for the next start)
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new FileInputStream(files.notifyFifo().toFile()), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    handle(line);
                }
            } catch (IOException e) {
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    private void handle(String line) throws IOException {
        String[] words = line.trim().split("\\s+");
        // keepalived also reports events that are not states, e.g. MASTER_RX_LOWER_PRI
        if (words.length < 3 || !words[0].equals("INSTANCE") || !STATES.contains(words[2])) {
            return;
        }
        String instance = words[1].replace("\"", "");
        String state = words[2];
        Path file = files.stateFile(instance);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, state + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(
                files.transitionsLog(),
                Instant.now() + " " + instance + " " + state + (words.length > 3 ? " " + words[3] : "") + "\n",
                StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
