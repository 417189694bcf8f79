package dev.vigil.agent.cli;

import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Passes SIGTERM, SIGHUP and SIGINT on to the child of {@link SmallHeapRelaunch}, so that the launcher and its child
 * stop together with the child's exit code. A Ctrl-C at a terminal reaches both (same process group): the child gets
 * a moment to stop by itself before the launcher sends it SIGTERM.
 */
@SuppressForbidden(reason = "sun.misc.Signal (jdk.unsupported) is the only way to handle a signal in Java 17")
final class ChildSignals {
    private static final long INTERRUPT_GRACE_MILLIS = 1000;
    private static final String[] NAMES = {"TERM", "HUP", "INT"};

    private final SignalHandler[] previous = new SignalHandler[NAMES.length];
    private volatile Process child;
    private volatile boolean stopping;
    private volatile boolean interrupted;

    private ChildSignals() {}

    static ChildSignals install() {
        ChildSignals signals = new ChildSignals();
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            signals.previous[i] = Signal.handle(new Signal(name), s -> signals.received(name));
        }
        return signals;
    }

    void uninstall() {
        for (int i = 0; i < NAMES.length; i++) {
            Signal.handle(new Signal(NAMES[i]), previous[i]);
        }
    }

    /** The child runs: a signal that came while it started is passed on now. */
    void started(Process process) {
        child = process;
        if (stopping) {
            process.destroy();
        } else if (interrupted) {
            received("INT");
        }
    }

    private void received(String name) {
        Process c = child;
        if (!name.equals("INT")) {
            stopping = true;
            if (c != null) {
                c.destroy();
            }
            return;
        }
        interrupted = true;
        if (c == null) {
            return;
        }
        try {
            if (!c.waitFor(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                c.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
