package dev.vigil.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "sniff",
        mixinStandardHelpOptions = true,
        description = "Live VRRP view of an interface, decoded and judged.")
final class SniffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil-agent sniff: not available in this build");
        return 2;
    }
}
