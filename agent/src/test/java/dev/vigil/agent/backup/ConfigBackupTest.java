package dev.vigil.agent.backup;

import static dev.vigil.agent.backup.BackupFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.event.Observation;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Protocol;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.WireWriter;
import dev.vigil.testkit.routeros.Misbehaviour;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backup against two simulated routers over TCP: events, normalised texts, failures, the schedule. */
class ConfigBackupTest {
    private final BackupFixture f = new BackupFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void exportAll_v7AndV6_oneEventEachWithTheNormalisedTextSecretsHidden() throws Exception {
        List<BackupResult> results = await(f.backup(BackupFixture.config()).exportAll("command"));

        assertThat(results).extracting(BackupResult::ok).containsExactly(true, true);
        List<Observation> exported = f.ofType(EventTypes.CONFIG_EXPORTED);
        assertThat(exported)
                .extracting(Observation::subject)
                .containsExactlyInAnyOrder("router/router-a", "router/router-b");
        assertThat(exported).allSatisfy(e -> {
            assertThat(e.severity()).isEqualTo(Severity.INFO);
            assertThat(e.data().path("parts").asInt()).isEqualTo(1);
            assertThat(e.data().path("trigger").asText()).isEqualTo("command");
        });
        String a = f.texts("router-a").get(0);
        String b = f.texts("router-b").get(0);
        assertThat(a)
                .startsWith("# RouterOS 7.18.2\n")
                .contains("add action=masquerade chain=srcnat comment=vigil:nat out-interface=ether1\n");
        assertThat(b).startsWith("# RouterOS 6.49.10\n").contains("/ip route\nadd distance=1 gateway=203.0.113.1\n");
        assertThat(a + b).doesNotContain("isp-Secret-42", "password=", "\\\n", "\r", "bad format");
        assertThat(results.get(0).sha256()).hasSize(64);
    }

    @Test
    void showSensitive_passwordsIncludedOnV6AndV7() throws Exception {
        await(f.backup(BackupFixture.config().withShowSensitive(true)).exportAll("schedule"));

        assertThat(f.texts("router-a").get(0)).contains("password=isp-Secret-42");
        assertThat(f.texts("router-b").get(0)).contains("password=isp-Secret-42");
    }

    @Test
    void unchangedRouter_twoExportsIdenticalTextAndHashThoughTheRawExportsDiffer() throws Exception {
        String raw1 = await(f.clients.get("router-a").exportConfig(false, Duration.ofSeconds(3)))
                .text();
        String raw2 = await(f.clients.get("router-a").exportConfig(false, Duration.ofSeconds(3)))
                .text();
        ConfigBackup backup = f.backup(BackupFixture.config());

        BackupResult first = await(backup.export("router-a", "schedule"));
        BackupResult second = await(backup.export("router-a", "schedule"));

        assertThat(raw1).isNotEqualTo(raw2);
        assertThat(f.texts("router-a"))
                .hasSize(2)
                .satisfies(t -> assertThat(t.get(0)).isEqualTo(t.get(1)));
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.exportId()).isNotEqualTo(first.exportId());
    }

    @Test
    void changedNatRule_textDiffersByExactlyThatLine() throws Exception {
        ConfigBackup backup = f.backup(BackupFixture.config());
        await(backup.export("router-b", "schedule"));
        f.b.router().table(SimRouter.NAT).update("*1", Map.of("out-interface", "ether2"));

        await(backup.export("router-b", "schedule"));

        List<String> before = f.texts("router-b").get(0).lines().toList();
        List<String> after = f.texts("router-b").get(1).lines().toList();
        assertThat(after).hasSameSizeAs(before);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(before.get(i) + " -> " + after.get(i));
            }
        }
        assertThat(changed)
                .containsExactly("add action=masquerade chain=srcnat comment=vigil:nat out-interface=ether1"
                        + " -> add action=masquerade chain=srcnat comment=vigil:nat out-interface=ether2");
    }

    @ParameterizedTest
    @CsvSource({
        "REFUSE_EXPORT, refused",
        "TRUNCATE_EXPORT, truncated",
        "DROP_DURING_EXPORT, connection_lost",
        "GARBAGE, bad_reply",
        "NEVER_ANSWER, timeout"
    })
    void misbehaviour_exportFailedWithReasonOtherRouterExportedAndNextTimeWorks(Misbehaviour how, String reason)
            throws Exception {
        ConfigBackup backup = f.backup(BackupFixture.config());
        f.a.misbehave(how);

        List<BackupResult> results = await(backup.exportAll("schedule"));

        assertThat(results).extracting(BackupResult::ok).containsExactly(false, true);
        Observation failed = f.ofType(EventTypes.CONFIG_EXPORT_FAILED).get(0);
        assertThat(failed.subject()).isEqualTo("router/router-a");
        assertThat(failed.severity()).isEqualTo(Severity.WARNING);
        assertThat(failed.data().path("router").asText()).isEqualTo("router-a");
        assertThat(failed.data().path("reason").asText()).isEqualTo(reason);
        String detail = failed.data().path("detail").asText();
        assertThat(detail).isNotBlank().doesNotContain("\n", BackupFixture.ROUTER_PASSWORD, "isp-Secret-42");
        assertThat(f.texts("router-b")).hasSize(1);

        f.a.misbehave(Misbehaviour.NONE);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> await(backup.export("router-a", "schedule")).ok());
        assertThat(f.texts("router-a")).hasSize(1);
        assertThat(f.a.router().fileNames()).isEmpty();
    }

    @Test
    void schedule_fakeClock_firstAfterTheDelayThenEveryInterval() throws Exception {
        ConfigBackup backup =
                f.backup(BackupFixture.config().withInterval(Duration.ofHours(24), Duration.ofMinutes(1)));

        assertThat(await(backup.tick())).isEmpty();
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(await(backup.tick())).isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(await(backup.tick())).hasSize(2);
        assertThat(await(backup.tick())).isEmpty();
        f.clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(await(backup.tick())).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(await(backup.tick())).hasSize(2);

        assertThat(f.texts("router-a")).hasSize(2);
        assertThat(f.texts("router-b")).hasSize(2);
        assertThat(backup.nextDue()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void disabled_scheduleNeverExports() throws Exception {
        ConfigBackupConfig off =
                new ConfigBackupConfig(false, Duration.ofHours(1), false, Duration.ZERO, Duration.ofSeconds(3));
        ConfigBackup backup = f.backup(off);
        f.clock.advance(Duration.ofDays(3));

        assertThat(await(backup.tick())).isEmpty();
        assertThat(f.events).isEmpty();
    }

    @Test
    void largeExport_severalPartsEachEventUnderThePayloadLimit_assemblesToTheText() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8_000; i++) {
            f.a.router()
                    .table(SimRouter.NAT)
                    .add(Map.of(
                            "chain",
                            "dstnat",
                            "action",
                            "dst-nat",
                            "dst-port",
                            Integer.toString(10_000 + i),
                            "protocol",
                            "tcp",
                            "to-addresses",
                            "192.0.2." + (1 + random.nextInt(250)),
                            "comment",
                            "customer " + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())));
        }

        BackupResult result = await(f.backup(BackupFixture.config()).export("router-a", "command"));

        assertThat(result.ok()).isTrue();
        assertThat(result.parts()).isGreaterThan(1);
        List<Observation> parts = f.ofType(EventTypes.CONFIG_EXPORTED);
        assertThat(parts).hasSize(result.parts());
        for (Observation part : parts) {
            byte[] wire = WireWriter.encode(Event.of(
                    "01JEXAMPLE0000000000000000",
                    "acme-hq",
                    1,
                    part.time(),
                    part.type(),
                    part.severity(),
                    part.subject(),
                    part.data()));
            assertThat(wire.length).isLessThan(Protocol.MAX_PAYLOAD_BYTES);
        }
        String text = f.texts("router-a").get(0);
        assertThat(text.lines().filter(l -> l.startsWith("add action=dst-nat"))).hasSize(8_000);
        assertThat((long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isEqualTo(result.bytes());
    }

    @Test
    void sameRouterTwiceAtOnce_oneExport() throws Exception {
        ConfigBackup backup = f.backup(BackupFixture.config());

        var first = backup.export("router-a", "schedule");
        var second = backup.export("router-a", "command");

        assertThat(await(second)).isSameAs(await(first));
        assertThat(f.texts("router-a")).hasSize(1);
    }
}
