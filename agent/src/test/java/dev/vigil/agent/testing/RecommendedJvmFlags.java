package dev.vigil.agent.testing;

import java.util.List;

/** The JVM flags of the packaged wrapper (agent-deb/src/deb/bin/vigil-agent), as benchmarks start the agent. */
public final class RecommendedJvmFlags {
    private static final String WRAPPER =
            "-XX:+UseSerialGC -Xss256k -Xms4m -Xmx64m -Xmn1m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
                    + " -XX:MaxMetaspaceSize=32m -XX:MaxDirectMemorySize=8m -XX:TieredStopAtLevel=1"
                    + " -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=8m -XX:TrimNativeHeapInterval=5000"
                    + " -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -Xshare:auto";

    private RecommendedJvmFlags() {}

    /** The wrapper's flags, or the space-separated flags of the system property when it is set. */
    public static List<String> unlessOverriddenBy(String property) {
        return List.of(System.getProperty(property, WRAPPER).trim().split("\\s+"));
    }
}
