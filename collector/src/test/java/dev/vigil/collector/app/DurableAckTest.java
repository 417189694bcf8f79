package dev.vigil.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.AckRecordingPublisher;
import dev.vigil.collector.testing.CollectorProcess;
import dev.vigil.collector.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PUBACK means the event is stored for good: the collector process is killed with SIGKILL while a Paho agent
 * publishes as fast as it is acknowledged; after a restart on the same data every acknowledged event is there.
 */
class DurableAckTest {
    private static final int ACKED_BEFORE_KILL = 1500;
    private static final String SITE = "kill-site";

    @TempDir
    Path dir;

    @Test
    void sigkillMidIngest_h2File_everyAcknowledgedEventIsStored() throws Exception {
        Path data = dir.resolve("data");
        Set<String> acked = publishAndKill(new CollectorProcess(data));
        String url = "jdbc:h2:file:" + data.resolve("vigil");
        assertAllStored(acked, storedIds(url, null, null));
    }

    @Test
    void sigkillMidIngest_postgres_everyAcknowledgedEventIsStored() throws Exception {
        try (PostgresServer postgres = new PostgresServer()) {
            String url = postgres.newDatabase();
            Set<String> acked =
                    publishAndKill(new CollectorProcess(dir.resolve("data"), "--db-url", url, "--db-user", "vigil"));
            assertAllStored(acked, storedIds(url, "vigil", ""));
        }
    }

    /** Publishes until well into the stream, kills the collector, restarts it on the same data and stops it. */
    private static Set<String> publishAndKill(CollectorProcess collector) throws Exception {
        try (collector) {
            collector.start();
            String password = collector
                    .admin()
                    .post("/api/sites", "{\"site\":\"" + SITE + "\",\"tags\":[]}")
                    .json()
                    .get("password")
                    .asText();
            Set<String> acked;
            try (AckRecordingPublisher agent = new AckRecordingPublisher(collector.mqttUrl(), SITE, password)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> agent.ackedCount() >= ACKED_BEFORE_KILL);
                collector.kill();
                await().atMost(Duration.ofSeconds(30)).until(() -> !agent.connected());
                acked = agent.acked();
                // mid-ingest: events were still in flight when the process died
                assertThat(agent.sent()).isGreaterThan(acked.size());
            }
            collector.start();
            collector.stop();
            return acked;
        }
    }

    private static void assertAllStored(Set<String> acked, Set<String> stored) {
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(stored);
        assertThat(lost)
                .as("%d of %d acknowledged events lost", lost.size(), acked.size())
                .isEmpty();
    }

    private static Set<String> storedIds(String url, String user, String password) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM events")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
