package dev.vigil.testkit.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab up|down|status}: the site lab for humans (see lab/site-lab and docs/site-lab.md). Needs root. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description =
                "A SOHO site in network namespaces: two keepalived routers, an agent host, ISPs with probe targets.",
        subcommands = {LabUpCommand.class, LabDownCommand.class, LabStatusCommand.class})
public final class SiteLabMain implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SiteLabMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
