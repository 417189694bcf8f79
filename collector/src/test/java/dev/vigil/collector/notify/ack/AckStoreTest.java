package dev.vigil.collector.notify.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.notify.store.DocumentTable;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.PostgresServer;
import dev.vigil.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The notify tables on both databases: the ack secret, single-use tokens, documents. */
class AckStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static PostgresServer postgres;
    private static Stores h2;
    private static Stores pg;

    @BeforeAll
    static void open() {
        h2 = Stores.open("jdbc:h2:mem:ackstore" + System.nanoTime(), null, null);
        postgres = new PostgresServer();
        pg = Stores.open(postgres.newDatabase(), "vigil", "");
    }

    @AfterAll
    static void close() {
        h2.close();
        if (pg != null) {
            pg.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** By name: JUnit would close a Stores given as an argument after each case. */
    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static Stores of(String name) {
        return "h2".equals(name) ? h2 : pg;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void secret_createdOnce_isTheSameForEveryCollectorOnTheDatabase(String database) {
        Stores stores = of(database);
        byte[] first = new AckStore(stores.db()).secret();
        assertThat(first).hasSize(32);
        assertThat(new AckStore(stores.db()).secret()).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void use_issuedToken_succeedsExactlyOnce(String database) {
        Stores stores = of(database);
        AckStore store = new AckStore(stores.db());
        AckTokens tokens = new AckTokens(store.secret());
        AckTokens.Token token = tokens.issue("01HZSTORE", NOW, Duration.ofHours(1));
        AckTokens.Token never = tokens.issue("01HZSTORE", NOW, Duration.ofHours(1));
        store.issued(token);
        assertThat(store.unused(token)).isTrue();
        assertThat(store.use(never)).isFalse(); // signed but never issued by this store
        assertThat(store.use(token)).isTrue();
        assertThat(store.use(token)).isFalse();
        assertThat(store.unused(token)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void purgeExpired_dropsOnlyTokensPastTheirExpiry(String database) {
        Stores stores = of(database);
        AckStore store = new AckStore(stores.db());
        AckTokens tokens = new AckTokens(store.secret());
        AckTokens.Token old = tokens.issue("01HZOLD", NOW, Duration.ofMinutes(1));
        AckTokens.Token fresh = tokens.issue("01HZNEW", NOW, Duration.ofHours(1));
        store.issued(old);
        store.issued(fresh);
        assertThat(store.purgeExpired(NOW.plus(Duration.ofMinutes(2)))).isGreaterThanOrEqualTo(1);
        assertThat(store.unused(old)).isFalse();
        assertThat(store.unused(fresh)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void documents_insertListDelete(String database) {
        Stores stores = of(database);
        DocumentTable rules = new DocumentTable(stores.db(), "notify_rules");
        rules.insert("r1", Json.object().put("kind", "wan_down"), NOW);
        rules.insert("r2", Json.object().put("kind", "failover"), NOW.plusSeconds(1));
        List<DocumentTable.Document> all = rules.all();
        assertThat(all).extracting(DocumentTable.Document::id).containsExactly("r1", "r2");
        assertThat(all.get(0).body().get("kind").asText()).isEqualTo("wan_down");
        assertThat(rules.delete("r1")).isTrue();
        assertThat(rules.delete("r1")).isFalse();
        assertThat(rules.all()).extracting(DocumentTable.Document::id).containsExactly("r2");
        rules.delete("r2");
    }
}
