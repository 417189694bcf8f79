package dev.vigil.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs the agent's command line in process with captured output, for tests in other packages. */
public final class AgentMainAccess {
    private AgentMainAccess() {}

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }
}
