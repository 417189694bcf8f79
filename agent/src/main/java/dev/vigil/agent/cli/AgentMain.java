package dev.vigil.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code vigil-agent.jar}: one subcommand per job the agent does at a site. */
@Command(
        name = "vigil-agent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Watches a VRRP router pair and its WANs, repairs failovers over the RouterOS API, reports over MQTT.",
        subcommands = {
            RunCommand.class,
            CheckConfigCommand.class,
            SniffCommand.class,
            ReplayCommand.class,
            ProbeCommand.class,
            RouterOsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AgentMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AgentMain());
    }
}
