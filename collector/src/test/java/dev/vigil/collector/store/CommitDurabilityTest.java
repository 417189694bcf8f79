package dev.vigil.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collector.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every connection the collector opens commits durably, whatever the URL or the server's defaults say. */
class CommitDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void open_h2UrlWithoutWriteDelay_commitsWithWriteDelayZero() {
        try (Stores stores = Stores.open("jdbc:h2:file:" + dir.resolve("db"), null, null)) {
            assertThat(setting(
                            stores.db(),
                            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                    + " WHERE SETTING_NAME = 'WRITE_DELAY'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void open_h2UrlWithAWriteDelay_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Stores.open("jdbc:h2:file:" + dir.resolve("db") + ";write_delay=500", null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("WRITE_DELAY=500")
                .hasMessageContaining("killed collector");
    }

    @Test
    void url_h2WithWriteDelayZero_isKeptAsItIs() {
        String url = "jdbc:h2:file:/tmp/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        assertThat(CommitDurability.url(url)).isEqualTo(url);
    }

    @Test
    void open_postgresServerWithSynchronousCommitOff_everyConnectionHasItOn() {
        try (PostgresServer postgres = new PostgresServer()) {
            // the test server runs with synchronous_commit=off (see PostgresServer), as a careless admin might
            String url = postgres.newDatabase() + "?options=-c%20synchronous_commit%3Doff";
            try (Stores stores = Stores.open(url, "vigil", "")) {
                for (int i = 0; i < 3; i++) {
                    assertThat(setting(stores.db(), "SHOW synchronous_commit")).isEqualTo("on");
                }
            }
        }
    }

    private static String setting(Database db, String sql) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
