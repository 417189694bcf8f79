package dev.vigil.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillRestoreRecordTest {
    private static final DrillRestoreRecord RECORD = new DrillRestoreRecord(
            "01DRILL", "router-a", "router-b", "*1", "lan4", 100, 50, Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void written_readBack_deleted() throws Exception {
        Path nested = dir.resolve("commands");
        RECORD.write(nested);

        assertThat(DrillRestoreRecord.read(nested)).contains(RECORD);
        assertThat(nested.resolve("failover-drill-restore.json.tmp")).doesNotExist();
        assertThat(RECORD.handFix()).isEqualTo("/interface/vrrp set lan4 priority=100 on router-a");

        DrillRestoreRecord.delete(nested);
        assertThat(DrillRestoreRecord.read(nested)).isEmpty();
        DrillRestoreRecord.delete(nested);
    }

    @Test
    void noRecord_empty() throws Exception {
        assertThat(DrillRestoreRecord.read(dir)).isEmpty();
    }

    @Test
    void tornOrIncomplete_unreadableInOneLine_movedAsideKeepsTheBytes() throws Exception {
        Path file = dir.resolve(DrillRestoreRecord.FILE);
        Files.writeString(file, "{\"command_id\":\"01DRILL\",\"router\":\"router-a\"}");
        DrillRestoreRecord.UnreadableException e =
                assertThrows(DrillRestoreRecord.UnreadableException.class, () -> DrillRestoreRecord.read(dir));
        assertThat(e.getMessage()).isEqualTo(file + " is not a failover drill record: no to_router");

        Files.writeString(file, "");
        e = assertThrows(DrillRestoreRecord.UnreadableException.class, () -> DrillRestoreRecord.read(dir));
        assertThat(e.getMessage()).isEqualTo(file + " is not a failover drill record: no command_id");

        Files.writeString(file, "{\"command_id\":");
        e = assertThrows(DrillRestoreRecord.UnreadableException.class, () -> DrillRestoreRecord.read(dir));
        assertThat(e.getMessage()).isEqualTo(file + " is not a failover drill record: not JSON");

        Path aside = DrillRestoreRecord.moveAside(dir, Instant.ofEpochMilli(1234));
        assertThat(aside).isEqualTo(dir.resolve("failover-drill-restore.json.unreadable-1234"));
        assertThat(aside).hasContent("{\"command_id\":");
        assertThat(DrillRestoreRecord.read(dir)).isEmpty();
    }
}
