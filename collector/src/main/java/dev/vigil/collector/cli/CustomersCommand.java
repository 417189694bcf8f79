package dev.vigil.collector.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil-collector customers add NAME} and {@code customers list}. */
@Command(
        name = "customers",
        description = "Manage the MSP's customers (who own sites and users).",
        mixinStandardHelpOptions = true)
public final class CustomersCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Create a customer.")
    int add(@Parameters(paramLabel = "NAME") String name, @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return SitesCommand.Cli.withStores(store, err, stores -> {
            var tenancy = UsersCommand.tenancy(stores);
            if (!tenancy.customers().create(name)) {
                err.println("vigil-collector: customer " + name + " exists already");
                return 1;
            }
            UsersCommand.audit(
                    tenancy,
                    "customer.created",
                    null,
                    "customer " + name,
                    dev.vigil.protocol.Json.object().put("customer", name));
            out.println("created customer " + name);
            return 0;
        });
    }

    @Command(name = "list", description = "List the customers.")
    int list(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return SitesCommand.Cli.withStores(store, spec.commandLine().getErr(), stores -> {
            UsersCommand.tenancy(stores).customers().list().forEach(c -> out.println(c.name()));
            return 0;
        });
    }
}
