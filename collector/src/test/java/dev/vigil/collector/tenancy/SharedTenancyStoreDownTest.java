package dev.vigil.collector.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collector.auth.Directory;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.StoreException;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresServer;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared PostgreSQL goes away: a reload keeps the last copies (nothing is opened or emptied), and a user the
 * copies do not know can neither be read nor sees anything.
 */
class SharedTenancyStoreDownTest {
    @Test
    void aReloadWhileTheStoreIsDown_keepsTheLastCopies_andAnUnknownUserSeesNothing() {
        PostgresServer postgres = new PostgresServer();
        boolean running = true;
        try (Stores stores = Stores.open(postgres.newDatabase(), "vigil", "")) {
            Clock clock = Clock.systemUTC();
            Directory directory = new Directory(stores.directory(), clock);
            Tenancy tenancy = Tenancy.open(stores, directory, new Counters(), clock, Set.of());
            assertThat(tenancy.customers().create("Acme")).isTrue();
            assertThat(tenancy.customers().addSite("acme-site", List.of(), "Acme"))
                    .isPresent();
            assertThat(tenancy.customers().addUser("ann", Role.VIEWER, "a-long-password", "Acme"))
                    .isTrue();
            tenancy.sync().reload();

            postgres.close();
            running = false;
            tenancy.sync().reloadOrKeep();
            tenancy.sync().reloadOrKeep();

            assertThat(tenancy.customers().exists("Acme")).isTrue();
            assertThat(tenancy.owners().customerOf("acme-site")).contains("Acme");
            assertThat(tenancy.scopes().customerOf("ann")).isEqualTo("Acme");
            ScopedUserSites acl = new ScopedUserSites(tenancy.scopes(), tenancy.owners());
            assertThat(acl.visible("ann", "acme-site")).isTrue();
            assertThatThrownBy(() -> tenancy.sync().learnUser("bob")).isInstanceOf(StoreException.class);
            assertThat(acl.restricted("bob")).isTrue();
            assertThat(acl.visible("bob", "acme-site")).isFalse();
        } finally {
            if (running) {
                postgres.close();
            }
        }
    }
}
