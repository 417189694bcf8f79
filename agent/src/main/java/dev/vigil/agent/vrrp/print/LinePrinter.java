package dev.vigil.agent.vrrp.print;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.decode.Decoded;
import java.io.PrintWriter;

/**
 * Writes decoded frames and observations one line each, as text or JSON; live capture flushes every line at once,
 * replay leaves the flushing to its buffer.
 */
public interface LinePrinter {
    void decoded(Decoded decoded);

    void observation(Observation observation);

    static LinePrinter of(PrintWriter out, String iface, boolean json, boolean flushEachLine) {
        return json ? new JsonLinePrinter(out, iface, flushEachLine) : new HumanLinePrinter(out, iface, flushEachLine);
    }
}
