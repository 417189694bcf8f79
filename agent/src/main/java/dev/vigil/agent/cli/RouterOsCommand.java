package dev.vigil.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "routeros",
        mixinStandardHelpOptions = true,
        description = "Diagnostic calls to a RouterOS router over its API.")
final class RouterOsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil-agent routeros: not available in this build");
        return 2;
    }
}
