package dev.vigil.agent.run;

/**
 * What {@code run} does once every part has started: one full collection, which unloads the classes used only to
 * start (the config's YAML parser and ObjectMapper, loaded in a class loader that is dropped by then) and lets the
 * JVM return their metaspace and the start-up garbage's heap. Until the first full collection, which a steady agent
 * may not need for days, those megabytes would stay resident.
 */
public final class StartupFootprint {
    private StartupFootprint() {}

    public static void release() {
        System.gc();
    }
}
