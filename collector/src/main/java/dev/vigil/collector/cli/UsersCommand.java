package dev.vigil.collector.cli;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.tenancy.Tenancy;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Set;
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
            @Option(
                            names = "--customer",
                            description = "the customer the user belongs to (sees only its sites); default: MSP staff")
                    String customer,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Role parsed = Role.parse(role).orElse(null);
        if (parsed == null) {
            err.println("vigil-collector: --role must be viewer, operator or admin, not '" + role + "'");
            return 2;
        }
        String given = System.getenv("VIGIL_NEW_USER_PASSWORD");
        String password = given != null ? given : PasswordHasher.newSecret();
        return SitesCommand.Cli.withStores(store, err, stores -> {
            if (!tenancy(stores).customers().addUser(name, parsed, password, customer)) {
                err.println("vigil-collector: user " + name + " exists already");
                return 1;
            }
            out.println("created user " + name + " (" + parsed.wireName() + (customer == null ? "" : ", " + customer)
                    + ")" + (given == null ? " with password " + password + "  (shown once)" : ""));
            return 0;
        });
    }

    @Command(
            name = "passwd",
            description = "Set a user's password (an admin reset); it comes from env VIGIL_NEW_USER_PASSWORD or is"
                    + " generated and printed once. Sessions of a running collector end with the API reset only.")
    int passwd(@Parameters(paramLabel = "NAME") String name, @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String given = System.getenv("VIGIL_NEW_USER_PASSWORD");
        String password = given != null ? given : PasswordHasher.newSecret();
        return SitesCommand.Cli.withStores(store, err, stores -> {
            if (!tenancy(stores).users().reset(name, password, "cli")) {
                err.println("vigil-collector: no user named " + name);
                return 1;
            }
            out.println("new password for " + name + (given == null ? ": " + password + "  (shown once)" : " set"));
            return 0;
        });
    }

    @Command(name = "list", description = "List the users with their role and customer.")
    int list(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return SitesCommand.Cli.withStores(store, spec.commandLine().getErr(), stores -> {
            for (var u : tenancy(stores).users().list()) {
                out.println(u.username() + "  " + u.role() + (u.customer() == null ? "" : "  " + u.customer()));
            }
            return 0;
        });
    }

    static Tenancy tenancy(Stores stores) {
        Clock clock = Clock.systemUTC();
        return Tenancy.open(stores, new Directory(stores.directory(), clock), new Counters(), clock, Set.of());
    }
}
