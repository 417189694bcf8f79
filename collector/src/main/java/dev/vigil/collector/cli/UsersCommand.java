package dev.vigil.collector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.audit.AuditEntry;
import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.audit.DirectAuditTrail;
import dev.vigil.collector.audit.EntryCustomers;
import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.PasswordHasher;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.tenancy.Tenancy;
import dev.vigil.protocol.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
            Tenancy tenancy = tenancy(stores);
            if (!tenancy.customers().addUser(name, parsed, password, customer)) {
                err.println("vigil-collector: user " + name + " exists already");
                return 1;
            }
            audit(
                    tenancy,
                    "user.created",
                    null,
                    "user " + name + " (" + parsed.wireName() + ")",
                    Json.object().put("user", name));
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

    /** The tenancy on the store, its changes written to the audit log with the actor {@code cli}. */
    static Tenancy tenancy(Stores stores) {
        Clock clock = Clock.systemUTC();
        AtomicReference<Tenancy> opened = new AtomicReference<>();
        AuditTrail audit = new DirectAuditTrail(
                new JdbcAuditStore(stores.db()),
                new EntryCustomers(
                        site -> opened.get() == null
                                ? Optional.empty()
                                : opened.get().owners().customerOf(site),
                        user -> opened.get() == null
                                ? null
                                : opened.get().scopes().customerOf(user)),
                clock);
        opened.set(
                Tenancy.open(stores, new Directory(stores.directory(), clock), new Counters(), clock, Set.of(), audit));
        return opened.get();
    }

    /** A line by {@code cli} in the audit log. */
    static void audit(Tenancy tenancy, String kind, String site, String summary, ObjectNode details) {
        tenancy.log().audit().record(new AuditEntry(kind, "cli", site, "ok", summary, details));
    }
}
