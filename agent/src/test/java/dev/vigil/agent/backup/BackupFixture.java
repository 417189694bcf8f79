package dev.vigil.agent.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.agent.config.Secret;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.routeros.RouterConfig;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.agent.testing.ManualClock;
import dev.vigil.protocol.ConfigExport;
import dev.vigil.protocol.EventTypes;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two simulated routers over real TCP (router-a v7, router-b v6, their own password), a clock tests move, the
 * events the backup reports, and the texts those events carry.
 */
final class BackupFixture implements AutoCloseable {
    static final String ROUTER_PASSWORD = "Rtr-pass-7731";

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T12:00:00Z"));
    final RouterOsSim a = sim(SimRouter.Personality.V7);
    final RouterOsSim b = sim(SimRouter.Personality.V6);
    final Map<String, RouterOsClient> clients = new LinkedHashMap<>();
    final List<Observation> events = new CopyOnWriteArrayList<>();

    BackupFixture() {
        clients.put("router-a", RouterOsClient.create(config("router-a", a)));
        clients.put("router-b", RouterOsClient.create(config("router-b", b)));
        AtomicLong seconds = new AtomicLong();
        a.router().exportClock(() -> Instant.parse("2026-12-07T17:00:00Z").plusSeconds(seconds.addAndGet(61)));
        b.router().exportClock(() -> Instant.parse("2026-12-07T17:00:00Z").plusSeconds(seconds.addAndGet(61)));
    }

    private static RouterOsSim sim(SimRouter.Personality personality) {
        RouterOsSim.Options o = RouterOsSim.Options.defaults();
        return RouterOsSim.start(
                new RouterOsSim.Options(
                        o.bind(),
                        0,
                        false,
                        0,
                        personality,
                        false,
                        true,
                        "vigil",
                        ROUTER_PASSWORD,
                        o.pingInterval(),
                        o.certDir()),
                SimRouter.seeded(personality, null, 100, true));
    }

    private static RouterConfig config(String name, RouterOsSim sim) {
        return RouterConfig.api(name, "127.0.0.1", sim.apiPort(), "vigil", Secret.of(ROUTER_PASSWORD))
                .withTimeout(Duration.ofSeconds(2));
    }

    ConfigBackup backup(ConfigBackupConfig config) {
        return new ConfigBackup(config, clients, events::add, clock);
    }

    static ConfigBackupConfig config() {
        return ConfigBackupConfig.defaults().withTimeout(Duration.ofSeconds(3));
    }

    List<Observation> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The text of every complete export reported for {@code router}, in order. */
    List<String> texts(String router) {
        Map<String, List<JsonNode>> byExport = new LinkedHashMap<>();
        for (Observation e : ofType(EventTypes.CONFIG_EXPORTED)) {
            if (e.data().path("router").asText().equals(router)) {
                byExport.computeIfAbsent(e.data().path("export_id").asText(), k -> new java.util.ArrayList<>())
                        .add(e.data());
            }
        }
        return byExport.values().stream().map(ConfigExport::assemble).toList();
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        clients.values().forEach(RouterOsClient::close);
        a.close();
        b.close();
    }
}
