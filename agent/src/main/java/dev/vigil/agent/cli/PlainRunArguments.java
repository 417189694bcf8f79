package dev.vigil.agent.cli;

import java.nio.file.Path;

/**
 * Recognises the service's own command line, {@code run [--config FILE]}, so that {@link AgentMain} can start the
 * agent without picocli: its model of every subcommand (some 250 classes with the reflection behind them) would
 * otherwise stay loaded for the life of the process. Anything else, help and errors included, goes to picocli.
 */
final class PlainRunArguments {
    static final String DEFAULT_CONFIG = "/etc/vigil/agent.yaml";

    private PlainRunArguments() {}

    /** The config file of a plain {@code run}, null when the arguments need picocli. */
    static Path config(String... args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return null;
        }
        if (args.length == 1) {
            return Path.of(DEFAULT_CONFIG);
        }
        if (args.length == 2 && args[1].startsWith("--config=") && args[1].length() > "--config=".length()) {
            return Path.of(args[1].substring("--config=".length()));
        }
        if (args.length == 3 && (args[1].equals("--config") || args[1].equals("-c")) && !args[2].startsWith("-")) {
            return Path.of(args[2]);
        }
        return null;
    }
}
