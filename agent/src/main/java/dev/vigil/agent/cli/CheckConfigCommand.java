package dev.vigil.agent.cli;

import dev.vigil.agent.config.ConfigInvalidException;
import dev.vigil.agent.config.NamedInputs;
import dev.vigil.agent.config.SecretReader;
import dev.vigil.agent.run.AgentConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--syntax-only",
            description = "Check syntax, keys, values and cross-references without reading the secret files,"
                    + " environment variables and certificates the config names (they are listed instead):"
                    + " for a config prepared away from the machine that will run it.")
    boolean syntaxOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NamedInputs inputs = syntaxOnly ? NamedInputs.listOnly() : NamedInputs.read();
        try {
            AgentConfig config = AgentConfig.load(
                    file, new SecretReader(System.getenv(), w -> err.println("warning: " + w)), inputs);
            out.println(file + ": valid" + (syntaxOnly ? " (syntax only)" : "") + " (site " + config.site()
                    + ", broker " + config.mqtt().url() + ", outbox "
                    + config.outbox().dir() + ")");
            if (!inputs.unread().isEmpty()) {
                out.println("not read (--syntax-only): " + String.join(", ", inputs.unread()));
            }
            return 0;
        } catch (ConfigInvalidException e) {
            err.println(e.getMessage());
            if (!inputs.missing().isEmpty()) {
                err.println("missing on this machine: " + String.join(", ", inputs.missing())
                        + " (the agent reads them when it starts; to check the rest without them: check-config"
                        + " --syntax-only " + file + ")");
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
