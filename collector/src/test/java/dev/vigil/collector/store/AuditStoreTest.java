package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.H2AndPostgresStores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log table on H2 and on Debian's PostgreSQL: insert-once by id, filters, paging, the retention purge. */
class AuditStoreTest extends H2AndPostgresStores {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    @ParameterizedTest
    @MethodSource("stores")
    void appendFindPagePurge(Stores stores) {
        JdbcAuditStore store = new JdbcAuditStore(stores.db());
        List<AuditRecord> rows = List.of(
                row(0, "login.failed", "alice", null, "Alpha"),
                row(1, "login.succeeded", "alice", null, "Alpha"),
                row(2, "loginXfailed", "bob", null, null),
                row(3, "action.executed", "agent:a-one", "a-one", "Alpha"),
                row(4, "maintenance.created", "admin", "b-one", "Beta"));
        assertThat(store.append(rows)).isEqualTo(5);
        assertThat(store.append(List.of(rows.get(3)))).as("the same id again").isZero();
        assertThat(ids(store, q(null, null, null, null, 10, null, false))).containsExactly("4", "3", "2", "1", "0");
        assertThat(ids(store, q(null, null, "login.", null, 10, null, false))).containsExactly("1", "0");
        assertThat(ids(store, q(null, null, "login.failed", null, 10, null, false)))
                .containsExactly("0");
        assertThat(ids(store, q("a-one", null, null, null, 10, null, false))).containsExactly("3");
        assertThat(ids(store, q(null, "alice", null, null, 10, null, false))).containsExactly("1", "0");
        assertThat(ids(store, q(null, null, null, null, 10, "Alpha", false))).containsExactly("3", "1", "0");
        assertThat(ids(store, q(null, null, null, null, 10, "Alpha", true))).containsExactly("3");
        assertThat(ids(store, q(null, null, null, null, 2, null, false))).containsExactly("4", "3");
        assertThat(ids(store, q(null, null, null, rows.get(3).id(), 2, null, false)))
                .containsExactly("2", "1");
        assertThat(ids(
                        store,
                        new AuditQuery(null, null, null, T0.plusSeconds(1), T0.plusSeconds(3), null, 10, null, false)))
                .containsExactly("2", "1");
        assertThat(store.purgeBefore(T0.plusSeconds(2))).isEqualTo(2);
        assertThat(ids(store, q(null, null, null, null, 10, null, false))).containsExactly("4", "3", "2");
    }

    private static AuditQuery q(
            String site, String actor, String kind, String before, int limit, String customer, boolean sitesOnly) {
        return new AuditQuery(site, actor, kind, null, null, before, limit, customer, sitesOnly);
    }

    private static List<String> ids(JdbcAuditStore store, AuditQuery q) {
        return store.find(q).stream().map(r -> r.summary()).toList();
    }

    private static AuditRecord row(int n, String kind, String actor, String site, String customer) {
        Instant t = T0.plusSeconds(n);
        return new AuditRecord(
                String.format(java.util.Locale.ROOT, "%013d-%s", t.toEpochMilli(), "r" + n),
                t,
                kind,
                actor,
                site,
                customer,
                "ok",
                Integer.toString(n),
                "{}",
                "192.0.2.1");
    }
}
