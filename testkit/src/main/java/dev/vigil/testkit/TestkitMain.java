package dev.vigil.testkit;

import dev.vigil.testkit.lab.SiteLabMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point for humans: {@code java -jar testkit/target/vigil-testkit.jar lab up|down|status}. */
@Command(
        name = "vigil-testkit",
        mixinStandardHelpOptions = true,
        description = "Test support for Vigil: the site lab and the RouterOS simulator.",
        subcommands = {SiteLabMain.class, CommandLine.HelpCommand.class})
public final class TestkitMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new TestkitMain()).execute(args));
    }
}
