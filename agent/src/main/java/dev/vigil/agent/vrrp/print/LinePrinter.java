package dev.vigil.agent.vrrp.print;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.vrrp.decode.Decoded;
import java.io.PrintWriter;

/** Writes decoded frames and observations one line each, flushed at once, as text or JSON. */
public interface LinePrinter {
    void decoded(Decoded decoded);

    void observation(Observation observation);

    static LinePrinter of(PrintWriter out, String iface, boolean json) {
        return json ? new JsonLinePrinter(out, iface) : new HumanLinePrinter(out, iface);
    }
}
