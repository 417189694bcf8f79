package dev.vigil.collector.cli;

import dev.vigil.collector.command.CommandKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil-collector command-key}: prints the public key agents use to verify commands (creates the pair). */
@Command(
        name = "command-key",
        mixinStandardHelpOptions = true,
        description = "Print the public key that agents use to verify the collector's commands (the agent config's"
                + " command public key); creates the key pair when it does not exist yet.")
public final class CommandKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:VIGIL_DATA_DIR:-data}",
            description = "The collector's data directory (env VIGIL_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--command-key-file",
            defaultValue = "${env:VIGIL_COMMAND_KEY_FILE}",
            description = "The private key file, as given to the collector (env VIGIL_COMMAND_KEY_FILE, default"
                    + " command-key.pem in the data directory).")
    Path keyFile;

    @Override
    public Integer call() {
        Path file = keyFile != null ? keyFile : dataDir.resolve(CommandKey.DEFAULT_FILE);
        boolean existed = Files.exists(file);
        try {
            CommandKey key = CommandKey.loadOrCreate(file);
            spec.commandLine().getOut().println(key.publicKeyText());
            if (!existed) {
                spec.commandLine()
                        .getErr()
                        .println("created " + file + " (private, mode 0600) and " + CommandKey.publicFileOf(file));
            }
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("vigil-collector: " + e.getMessage());
            return 1;
        }
    }
}
