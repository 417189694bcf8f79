package dev.vigil.collector.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code vigil-collector.jar}. */
@Command(
        name = "vigil-collector",
        mixinStandardHelpOptions = true,
        description = "The MSP side of Vigil: MQTT ingest, storage, alerts, API and dashboard.")
public final class CollectorMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CollectorMain()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vigil-collector: not available in this build");
        return 2;
    }
}
