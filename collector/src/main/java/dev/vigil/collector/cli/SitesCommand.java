package dev.vigil.collector.cli;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.store.SiteRecord;
import dev.vigil.collector.store.StoreException;
import dev.vigil.collector.store.Stores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil-collector sites add NAME [--tag T]…} and {@code sites list}. */
@Command(name = "sites", description = "Provision sites (their MQTT credentials).", mixinStandardHelpOptions = true)
public final class SitesCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "add", description = "Create a site and print its MQTT credentials once.")
    int add(
            @Parameters(paramLabel = "NAME", description = "site id: letters, digits, _ . -") String name,
            @Option(names = "--tag", description = "a tag (repeatable)") List<String> tags,
            @Option(
                            names = "--customer",
                            description = "the customer the site belongs to (created with"
                                    + " 'customers add'); default: the MSP's own")
                    String customer,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Cli.withStores(store, err, stores -> {
            var tenancy = UsersCommand.tenancy(stores);
            Optional<Directory.NewSite> site =
                    tenancy.customers().addSite(name, tags == null ? List.of() : new ArrayList<>(tags), customer);
            if (site.isEmpty()) {
                err.println("vigil-collector: site " + name + " exists already");
                return 1;
            }
            UsersCommand.audit(tenancy, "site.created", name, "site " + name + " created", null);
            out.println("site:     " + site.get().site());
            out.println("username: " + site.get().username());
            out.println("password: " + site.get().password());
            out.println("(the password is shown only now; it is stored hashed)");
            return 0;
        });
    }

    @Command(name = "list", description = "List the provisioned sites.")
    int list(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return Cli.withStores(store, spec.commandLine().getErr(), stores -> {
            for (SiteRecord s : stores.directory().sites()) {
                out.println(s.site() + (s.tags().isEmpty() ? "" : "  " + String.join(",", s.tags())));
            }
            return 0;
        });
    }

    /** Shared by the store-opening subcommands. */
    static final class Cli {
        private Cli() {}

        interface Work {
            int run(Stores stores);
        }

        static int withStores(StoreOptions o, PrintWriter err, Work work) {
            String url = o.dbUrl != null && !o.dbUrl.isBlank()
                    ? o.dbUrl
                    : dev.vigil.collector.config.CollectorConfig.defaults(o.dataDir)
                            .effectiveDbUrl();
            try (Stores stores = Stores.open(url, o.dbUser, o.dbPassword)) {
                return work.run(stores);
            } catch (IllegalArgumentException e) {
                err.println("vigil-collector: " + e.getMessage());
                return 2;
            } catch (StoreException e) {
                err.println("vigil-collector: " + e.getMessage()
                        + (url.startsWith("jdbc:h2:")
                                ? "\n(is the collector running on this H2 file? Then use" + " POST /api/sites instead.)"
                                : ""));
                return 1;
            }
        }
    }
}
