package dev.vigil.agent.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return new String[] {"vigil-agent " + (version == null ? "development build" : version)};
    }
}
