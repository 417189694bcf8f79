package dev.vigil.agent.run;

/** The agent's version as packaged in the jar manifest. */
public final class AgentVersion {
    private AgentVersion() {}

    public static String current() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
