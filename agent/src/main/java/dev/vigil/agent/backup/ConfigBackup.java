package dev.vigil.agent.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import dev.vigil.agent.routeros.ExportFailedException;
import dev.vigil.agent.routeros.RouterOsClient;
import dev.vigil.protocol.ConfigExport;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Exports every router's configuration on a schedule and on demand, normalises the text and reports it as
 * {@code config.exported} events (one per part of {@link ConfigExport#parts}), or one {@code config.export_failed}.
 * Time comes from the clock only: {@link #tick()} runs the exports that are due, so a test moves a clock and ticks.
 * One export per router runs at a time; asking again meanwhile joins the running one.
 */
public final class ConfigBackup implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ConfigBackup.class.getName());
    /** How often the scheduler looks at the clock; exports are due hours apart. */
    static final long TICK_MS = 10_000;

    private final ConfigBackupConfig config;
    private final Map<String, RouterOsClient> clients;
    private final ObservationSink sink;
    private final Clock clock;
    private final Map<String, CompletableFuture<BackupResult>> running = new ConcurrentHashMap<>();
    private volatile Instant nextDue;
    private volatile ScheduledFuture<?> ticking;

    public ConfigBackup(
            ConfigBackupConfig config, Map<String, RouterOsClient> clients, ObservationSink sink, Clock clock) {
        this.config = config;
        this.clients = new LinkedHashMap<>(clients);
        this.sink = sink;
        this.clock = clock;
        this.nextDue = clock.instant().plus(config.firstDelay());
    }

    public ConfigBackupConfig config() {
        return config;
    }

    public Set<String> routers() {
        return clients.keySet();
    }

    /** Ticks on {@code scheduler} when enabled and routers are configured; otherwise nothing is scheduled. */
    public ConfigBackup start(ScheduledExecutorService scheduler) {
        if (config.enabled() && !clients.isEmpty()) {
            ticking = scheduler.scheduleWithFixedDelay(this::safeTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** When the next scheduled export is due. */
    public Instant nextDue() {
        return nextDue;
    }

    /** Exports every router if the schedule says so; the stage completes when they are reported. */
    public CompletionStage<List<BackupResult>> tick() {
        Instant now = clock.instant();
        if (!config.enabled() || now.isBefore(nextDue)) {
            return CompletableFuture.completedFuture(List.of());
        }
        nextDue = now.plus(config.interval());
        return exportAll("schedule");
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "config backup tick failed; it runs again next tick", e);
        }
    }

    public CompletionStage<List<BackupResult>> exportAll(String trigger) {
        List<CompletableFuture<BackupResult>> all = new ArrayList<>();
        for (String router : clients.keySet()) {
            all.add(export(router, trigger).toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(x -> all.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Exports one configured router; never fails (a failure is a {@link BackupResult} and an event).
     *
     * @throws IllegalArgumentException for a router that is not configured
     */
    public CompletionStage<BackupResult> export(String router, String trigger) {
        RouterOsClient client = clients.get(router);
        if (client == null) {
            throw new IllegalArgumentException("no router named '" + router + "' is configured");
        }
        CompletableFuture<BackupResult> fresh = new CompletableFuture<>();
        CompletableFuture<BackupResult> existing = running.putIfAbsent(router, fresh);
        if (existing != null) {
            return existing;
        }
        try {
            client.exportConfig(config.showSensitive(), config.timeout()).whenCompleteAsync((raw, error) -> {
                BackupResult result;
                try {
                    result = error == null
                            ? exported(router, trigger, ExportNormaliser.normalise(raw.text()))
                            : failed(router, trigger, ExportFailedException.of(error));
                } catch (RuntimeException e) {
                    result = failed(router, trigger, ExportFailedException.of(e));
                }
                finish(router, fresh, result);
            });
        } catch (RuntimeException e) {
            finish(router, fresh, failed(router, trigger, ExportFailedException.of(e)));
        }
        return fresh;
    }

    /** Leaves the running set before completing, so a caller woken by the result can start a new export. */
    private void finish(String router, CompletableFuture<BackupResult> export, BackupResult result) {
        running.remove(router, export);
        export.complete(result);
    }

    private BackupResult exported(String router, String trigger, String text) {
        String exportId = UUID.randomUUID().toString();
        List<ObjectNode> parts = ConfigExport.parts(router, exportId, text);
        Instant now = clock.instant();
        for (ObjectNode part : parts) {
            part.put("trigger", trigger);
            sink.accept(new Observation(now, EventTypes.CONFIG_EXPORTED, Severity.INFO, subject(router), part));
        }
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        LOG.log(
                Level.INFO,
                "{0}: configuration exported ({1} bytes, {2} part(s), {3})",
                router,
                raw.length,
                parts.size(),
                trigger);
        return BackupResult.exported(router, exportId, ConfigExport.sha256(raw), raw.length, parts.size());
    }

    private BackupResult failed(String router, String trigger, ExportFailedException e) {
        ObjectNode data = Json.object()
                .put("router", router)
                .put("reason", e.reason())
                .put("detail", e.getMessage())
                .put("trigger", trigger);
        sink.accept(new Observation(
                clock.instant(), EventTypes.CONFIG_EXPORT_FAILED, Severity.WARNING, subject(router), data));
        LOG.log(Level.WARNING, "{0}: configuration export failed ({1}): {2}", router, e.reason(), e.getMessage());
        return BackupResult.failed(router, e.reason(), e.getMessage());
    }

    private static String subject(String router) {
        return "router/" + router;
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = ticking;
        if (t != null) {
            t.cancel(false);
        }
    }
}
