package dev.vigil.agent.vrrp.print;

import dev.vigil.agent.vrrp.VrrpPipeline;
import dev.vigil.agent.vrrp.capture.CaptureException;
import dev.vigil.agent.vrrp.capture.PacketSource;
import dev.vigil.agent.vrrp.observe.ObserverSettings;
import dev.vigil.agent.vrrp.observe.VrrpObserver;
import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;

/** What {@code sniff} and {@code replay} share: run a source through decoder and observer, print, summarise. */
public final class CaptureSession {
    private CaptureSession() {}

    /** Returns the process exit code: 0 when the source ran to its end, 1 when it failed (after a one-line error). */
    public static int run(
            PacketSource source, String iface, boolean json, boolean adverts, PrintWriter out, PrintWriter err) {
        return run(source, iface, json, adverts, true, out, err);
    }

    /** As above; {@code flushEachLine} false leaves flushing to {@code out}'s buffer and the end of the run. */
    public static int run(
            PacketSource source,
            String iface,
            boolean json,
            boolean adverts,
            boolean flushEachLine,
            PrintWriter out,
            PrintWriter err) {
        LinePrinter printer = LinePrinter.of(out, iface, json, flushEachLine);
        VrrpObserver observer = new VrrpObserver(ObserverSettings.DEFAULTS, printer::observation);
        VrrpPipeline pipeline = new VrrpPipeline(iface, observer, adverts ? printer::decoded : null);
        int code = 0;
        try {
            source.run(pipeline);
        } catch (CaptureException e) {
            err.println("vigil-agent: " + e.getMessage());
            code = 1;
        }
        VrrpObserver.Counters c = observer.counters();
        StringJoiner rejected = new StringJoiner(", ");
        for (Map.Entry<?, Long> e : c.rejected().entrySet()) {
            rejected.add(e.getKey().toString().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue());
        }
        err.println(source.name() + ": " + c.adverts() + " VRRP adverts, " + c.carp() + " CARP adverts, rejected: "
                + (rejected.length() == 0 ? "none" : rejected));
        err.flush();
        out.flush();
        return code;
    }
}
