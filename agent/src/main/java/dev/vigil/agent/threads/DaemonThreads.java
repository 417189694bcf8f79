package dev.vigil.agent.threads;

import java.util.concurrent.ThreadFactory;

/**
 * The agent's thread factory: named daemon threads, so that a stuck worker never keeps the JVM from exiting and a
 * thread dump says which part each thread belongs to.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Every thread it makes is a daemon called {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
