package dev.vigil.agent.vrrp.capture;

import dev.vigil.agent.vrrp.pcap.CaptureFileReader;
import dev.vigil.agent.vrrp.pcap.CapturedFrame;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Replays a pcap or pcapng file as fast as it can be read; time comes from the capture's timestamps. */
final class FileSource implements PacketSource {
    private final Path file;
    private volatile boolean closed;

    FileSource(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void run(FrameHandler handler) throws CaptureException {
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            for (CapturedFrame f = reader.next(); f != null && !closed; f = reader.next()) {
                handler.frame(f);
            }
        } catch (NoSuchFileException e) {
            throw new CaptureException(file + ": no such file");
        } catch (IOException e) {
            throw new CaptureException(e.getMessage() == null ? file + ": " + e : e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
