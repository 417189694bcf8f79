package dev.vigil.agent.routeros;

import static dev.vigil.agent.routeros.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.Secret;
import dev.vigil.testkit.routeros.Misbehaviour;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /export} through {@link RouterOsClient#exportConfig} against the simulator over real TCP (and TLS). */
class RouterExportTest {
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(5);

    /** One TLS simulator for the REST tests: making its certificate takes seconds. */
    private static RouterOsSim restSim;

    private RouterOsSim sim;
    private RouterOsClient client;

    @BeforeAll
    static void startRest(@TempDir Path certs) {
        RouterOsSim.Options o = RouterOsSim.Options.defaults().withTls(true);
        restSim = SimFixture.sim(new RouterOsSim.Options(
                o.bind(),
                0,
                true,
                0,
                SimRouter.Personality.V7,
                false,
                true,
                "vigil",
                "vigil",
                o.pingInterval(),
                certs));
    }

    @AfterAll
    static void stopRest() {
        restSim.close();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (sim != null && sim != restSim) {
            sim.close();
        }
        restSim.misbehave(Misbehaviour.NONE);
        restSim.router().table(SimRouter.NAT).snapshot().stream()
                .map(row -> row.get(".id"))
                .filter(id -> !id.equals("*1"))
                .forEach(id -> restSim.router().table(SimRouter.NAT).remove(id));
    }

    private RouterOsClient api(SimRouter.Personality personality) {
        sim = SimFixture.sim(RouterOsSim.Options.defaults().withLogin(false, personality));
        client = RouterOsClient.create(SimFixture.config(sim, "vigil"));
        return client;
    }

    private RouterOsClient rest() {
        sim = restSim;
        client = RouterOsClient.create(new RouterConfig(
                "router-a",
                "127.0.0.1",
                RouterConfig.Transport.REST,
                sim.restPort(),
                "vigil",
                Secret.of("vigil"),
                TlsSettings.pinned(sim.fingerprint()),
                Duration.ofSeconds(3),
                null));
        return client;
    }

    private static ExportFailedException failure(RouterOsClient c) {
        try {
            await(c.exportConfig(false, EXPORT_TIMEOUT));
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ExportFailedException.class);
            return (ExportFailedException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the export to fail");
    }

    @Test
    void apiV6_export_textAsTheRouterWritesItSecretsHiddenFileRemoved() throws Exception {
        RouterExport.Result result = await(api(SimRouter.Personality.V6).exportConfig(false, EXPORT_TIMEOUT));

        assertThat(result.majorVersion()).isEqualTo(6);
        assertThat(result.text())
                .startsWith("# ")
                .contains("by RouterOS 6.49.10", "/ip firewall nat", "comment=vigil:nat", "/ip route\nadd distance=1")
                .doesNotContain("isp-Secret-42", "password=");
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void apiV6_showSensitive_exportWithoutHideSensitiveShowsThePassword() throws Exception {
        RouterExport.Result result = await(api(SimRouter.Personality.V6).exportConfig(true, EXPORT_TIMEOUT));

        assertThat(result.text()).contains("password=isp-Secret-42");
    }

    @Test
    void apiV7_export_secretsHiddenUnlessShowSensitive() throws Exception {
        RouterOsClient c = api(SimRouter.Personality.V7);

        String hidden = await(c.exportConfig(false, EXPORT_TIMEOUT)).text();
        String shown = await(c.exportConfig(true, EXPORT_TIMEOUT)).text();

        assertThat(hidden).contains("by RouterOS 7.18.2", "routing-table=main").doesNotContain("isp-Secret-42");
        assertThat(shown).contains("password=isp-Secret-42");
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void exportCommand_sensitiveFlagPerVersion() {
        assertThat(RouterExport.exportCommand(6, false).words())
                .containsExactly("/export", "=file=vigil-export", "=hide-sensitive=");
        assertThat(RouterExport.exportCommand(6, true).words()).containsExactly("/export", "=file=vigil-export");
        assertThat(RouterExport.exportCommand(7, false).words()).containsExactly("/export", "=file=vigil-export");
        assertThat(RouterExport.exportCommand(7, true).words())
                .containsExactly("/export", "=file=vigil-export", "=show-sensitive=");
    }

    @Test
    void restV7_export_sameTextAsTheApiWouldGive() throws Exception {
        RouterExport.Result result = await(rest().exportConfig(false, EXPORT_TIMEOUT));

        assertThat(result.majorVersion()).isEqualTo(7);
        assertThat(result.text())
                .contains("/interface vrrp", "comment=vigil:nat")
                .doesNotContain("isp-Secret-42");
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void apiV7_exportOver60KiB_readInChunksWhole() throws Exception {
        RouterOsClient c = api(SimRouter.Personality.V7);
        addNatRules(sim.router(), 2_000);

        RouterExport.Result result = await(c.exportConfig(false, EXPORT_TIMEOUT));

        assertThat(result.text().length()).isGreaterThan(3 * RouterExport.CHUNK);
        assertThat(result.text())
                .isEqualTo(sim.router().exportText(false).replaceFirst("^# [^\n]*", firstLine(result)));
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void restV7_exportOver60KiB_readInChunksWhole() throws Exception {
        RouterOsClient c = rest();
        addNatRules(sim.router(), 2_000);

        RouterExport.Result result = await(c.exportConfig(false, EXPORT_TIMEOUT));

        assertThat(result.text()).endsWith(sim.router().exportText(false).substring(200));
    }

    @Test
    void apiV6_exportOver60KiB_tooLargeAndFileRemoved() {
        RouterOsClient c = api(SimRouter.Personality.V6);
        addNatRules(sim.router(), 2_000);

        ExportFailedException e = failure(c);

        assertThat(e.reason()).isEqualTo(ExportFailedException.TOO_LARGE);
        assertThat(e.getMessage()).contains("gives no contents");
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void refused_trapBecomesRefusedWithTheRoutersMessage() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.REFUSE_EXPORT);

        ExportFailedException e = failure(c);

        assertThat(e.reason()).isEqualTo(ExportFailedException.REFUSED);
        assertThat(e.getMessage()).contains("not enough permissions");
    }

    @Test
    void restRefused_httpErrorBecomesRefused() {
        RouterOsClient c = rest();
        sim.misbehave(Misbehaviour.REFUSE_EXPORT);

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.REFUSED);
    }

    @Test
    void truncatedFile_smallAndLarge_truncatedNamingBothSizes() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.TRUNCATE_EXPORT);

        ExportFailedException small = failure(c);
        addNatRules(sim.router(), 2_000);
        ExportFailedException large = failure(c);

        assertThat(small.reason()).isEqualTo(ExportFailedException.TRUNCATED);
        assertThat(small.getMessage()).matches("read \\d+ bytes of vigil-export.rsc but the router reports \\d+");
        assertThat(large.reason()).isEqualTo(ExportFailedException.TRUNCATED);
        assertThat(sim.router().fileNames()).isEmpty();
    }

    @Test
    void truncatedFileV6_truncated() {
        RouterOsClient c = api(SimRouter.Personality.V6);
        sim.misbehave(Misbehaviour.TRUNCATE_EXPORT);

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.TRUNCATED);
    }

    @Test
    void droppedWhileReading_connectionLost() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.DROP_DURING_EXPORT);

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.CONNECTION_LOST);
    }

    @Test
    void restDroppedWhileReading_connectionLost() {
        RouterOsClient c = rest();
        sim.misbehave(Misbehaviour.DROP_DURING_EXPORT);

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.CONNECTION_LOST);
    }

    @Test
    void garbage_badReply() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.GARBAGE);

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.BAD_REPLY);
    }

    @Test
    void hangs_timeoutWithinTheDeadline() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.NEVER_ANSWER);

        ExportFailedException e = failure(c);

        assertThat(e.reason()).isEqualTo(ExportFailedException.TIMEOUT);
        assertThat(e.getMessage()).contains("did not finish within");
    }

    @Test
    void routerGone_unreachable() {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.close();

        assertThat(failure(c).reason()).isEqualTo(ExportFailedException.UNREACHABLE);
    }

    @Test
    void afterAFailure_theNextExportWorks() throws Exception {
        RouterOsClient c = api(SimRouter.Personality.V7);
        sim.misbehave(Misbehaviour.DROP_DURING_EXPORT);
        failure(c);
        sim.misbehave(Misbehaviour.NONE);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> c.exportConfig(false, EXPORT_TIMEOUT)
                        .toCompletableFuture()
                        .handle((r, e) -> r != null && r.text().contains("/ip firewall nat"))
                        .get());
    }

    static void addNatRules(SimRouter router, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            router.table(SimRouter.NAT)
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
                            "customer " + Long.toHexString(random.nextLong()) + " forward"));
        }
    }

    private static String firstLine(RouterExport.Result result) {
        return result.text().substring(0, result.text().indexOf('\n'));
    }
}
