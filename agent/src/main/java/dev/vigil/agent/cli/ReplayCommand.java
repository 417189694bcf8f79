package dev.vigil.agent.cli;

import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.print.CaptureSession;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Decodes and judges the VRRP adverts in a pcap or pcapng file; time comes from the capture.")
final class ReplayCommand implements Callable<Integer> {
    private static final int OUTPUT_BUFFER_CHARS = 1 << 16;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng capture")
    Path file;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = "--adverts", description = "also print every decoded advert and every rejected packet")
    boolean adverts;

    @Option(
            names = "--interface-name",
            defaultValue = "pcap",
            description = "interface name used in events (default: ${DEFAULT-VALUE})")
    String ifaceName;

    @Override
    public Integer call() {
        // A file is read as fast as the disk allows: lines go out in 64 KB writes, not one write per line.
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), OUTPUT_BUFFER_CHARS));
        int code = CaptureSession.run(
                PacketSource.file(file),
                ifaceName,
                json,
                adverts,
                false,
                out,
                spec.commandLine().getErr());
        out.flush();
        return code;
    }
}
