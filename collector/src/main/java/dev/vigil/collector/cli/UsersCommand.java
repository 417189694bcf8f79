package dev.vigil.collector.cli;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Role;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil-collector users add NAME --role viewer} with the password read from the console or the environment. */
@Command(name = "users", description = "Manage dashboard users.", mixinStandardHelpOptions = true)
public final class UsersCommand {
    @Spec
    CommandSpec spec;

    @Command(
            name = "add",
            description = "Create a user; the password comes from env VIGIL_NEW_USER_PASSWORD or is"
                    + " generated and printed once.")
    int add(
            @Parameters(paramLabel = "NAME") String name,
            @Option(
                            names = "--role",
                            defaultValue = "viewer",
                            description = "viewer, operator or admin (default ${DEFAULT-VALUE})")
                    String role,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Role parsed = Role.parse(role).orElse(null);
        if (parsed == null) {
            err.println("vigil-collector: --role must be viewer, operator or admin, not '" + role + "'");
            return 2;
        }
        String given = System.getenv("VIGIL_NEW_USER_PASSWORD");
        String password = given != null ? given : dev.vigil.collector.auth.PasswordHasher.newSecret();
        return SitesCommand.Cli.withStores(store, err, stores -> {
            if (!new Directory(stores.directory(), Clock.systemUTC()).addUser(name, parsed, password)) {
                err.println("vigil-collector: user " + name + " exists already");
                return 1;
            }
            out.println("created user " + name + " (" + parsed.wireName() + ")"
                    + (given == null ? " with password " + password + "  (shown once)" : ""));
            return 0;
        });
    }
}
