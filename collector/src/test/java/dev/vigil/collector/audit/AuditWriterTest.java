package dev.vigil.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.AuditQuery;
import dev.vigil.collector.store.JdbcAuditStore;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer on a real H2 store: an event told twice (a crash before the cursor moved) is one line; failures count. */
class AuditWriterTest {
    private Stores stores;
    private JdbcAuditStore store;
    private final Counters counters = new Counters();
    private AuditWriter writer;

    @BeforeEach
    void open() throws Exception {
        Path dir = Files.createTempDirectory("vigil-audit-writer-");
        stores = Stores.open("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        store = new JdbcAuditStore(stores.db());
        writer = new AuditWriter(
                store,
                new EntryCustomers(site -> Optional.of("Alpha"), user -> null),
                counters,
                Clock.systemUTC(),
                r -> new Thread(r, "audit-writer-test"));
    }

    @AfterEach
    void close() {
        writer.close();
        stores.close();
    }

    @Test
    void sameEventToldTwice_isOneLine() {
        Event e = Event.of(
                "01HX0000000000000000000001",
                "a-one",
                1,
                Instant.parse("2026-12-07T10:00:00Z"),
                EventTypes.COMMAND_REJECTED,
                Severity.WARNING,
                "command/c1",
                Json.object().put("command_id", "c1").put("issuer", "alice").put("reason", "expired"));
        AgentAudit listener = new AgentAudit(writer);
        listener.stored(e, Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.get("vigil_audit_written_total") == 1);
        listener.stored(e, Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.get("vigil_audit_written_total") == 2);
        var rows = store.find(new AuditQuery(null, null, null, null, null, null, 10, null, false));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).kind()).isEqualTo("command.rejected");
        assertThat(rows.get(0).outcome()).isEqualTo("rejected");
        assertThat(rows.get(0).actor()).isEqualTo("agent:a-one");
        assertThat(rows.get(0).customer()).isEqualTo("Alpha");
        assertThat(rows.get(0).time()).isEqualTo(e.time());
        assertThat(rows.get(0).summary()).contains("rejected", "expired", "alice");
    }

    @Test
    void storeDown_recordDoesNotThrow_andTheLossIsCounted() {
        stores.close();
        writer.record(new AuditEntry("login.failed", "x", null, "denied", "sign-in refused", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.get("vigil_audit_failed_total") == 1);
        assertThat(counters.get("vigil_audit_written_total")).isZero();
        writer.record(null);
        assertThat(counters.get("vigil_audit_dropped_total")).isEqualTo(1);
    }
}
