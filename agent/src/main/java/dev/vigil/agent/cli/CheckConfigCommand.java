package dev.vigil.agent.cli;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.SecretReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description = "Validates an agent config file without running: exit 0 when valid, 1 with every problem listed.")
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The agent config file, e.g. /etc/vigil/agent.yaml.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AgentConfig config =
                    AgentConfig.load(file, new SecretReader(System.getenv(), w -> err.println("warning: " + w)));
            out.println(file + ": valid (site " + config.site() + ", broker "
                    + config.mqtt().url() + ", outbox " + config.outbox().dir() + ")");
            return 0;
        } catch (ConfigInvalidException e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
