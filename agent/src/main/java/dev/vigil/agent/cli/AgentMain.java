package dev.vigil.agent.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    public static void main(String[] args) throws InterruptedException {
        int relaunched = SmallHeapRelaunch.runIfWanted(args);
        if (relaunched >= 0) {
            System.exit(relaunched);
        }
        Path runConfig = PlainRunArguments.config(args);
        System.exit(runConfig == null ? commandLine().execute(args) : RunCommand.run(runConfig, stdout(), stderr()));
    }

    private static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), UTF_8), true);
    }

    private static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), UTF_8), true);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AgentMain());
    }
}
