package dev.vigil.collector.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.alerts.AlertPublisher;
import dev.vigil.collector.audit.AuditEntry;
import dev.vigil.collector.audit.AuditTrail;
import dev.vigil.collector.http.ApiModule;
import dev.vigil.collector.ingest.StoredEventListener;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.store.Stores;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends signed commands to agents and follows what became of them: each command is signed with the collector's
 * {@link CommandKey}, stored, published on the site's commands topic (QoS 1, not retained) and recorded as
 * {@code command.sent} in the audit trail; the agent's {@code command.*} and {@code drill.completed} events answer it,
 * and a command nobody answered before it expired becomes {@code expired}. Every change is pushed live as a
 * {@code command} message.
 */
public final class CommandService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CommandService.class.getName());
    static final long EXPIRY_CHECK_MS = 2_000;
    private static final Set<String> ANSWERS = Set.of(
            EventTypes.COMMAND_COMPLETED,
            EventTypes.COMMAND_FAILED,
            EventTypes.COMMAND_REJECTED,
            EventTypes.DRILL_COMPLETED);
    private static final int MAX_REASON = 64;
    private static final int MAX_DETAIL = 2000;

    private final CommandStore store;
    private final CommandKey key;
    private final Topics topics;
    private final WireCodec codec;
    private final AlertPublisher.Outlet outlet;
    private final LiveUpdates live;
    private final AuditTrail audit;
    private final Clock clock;
    private final EventIds ids;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-commands");
        t.setDaemon(true);
        return t;
    });

    public CommandService(
            Stores stores,
            CommandKey key,
            Topics topics,
            WireCodec codec,
            AlertPublisher.Outlet outlet,
            LiveUpdates live,
            AuditTrail audit,
            Clock clock) {
        this.store = new CommandStore(stores.db());
        this.key = key;
        this.topics = topics;
        this.codec = codec;
        this.outlet = outlet;
        this.live = live;
        this.audit = audit;
        this.clock = clock;
        this.ids = new EventIds(clock);
    }

    public CommandKey key() {
        return key;
    }

    /** The HTTP routes of docs/api.md "Commands". */
    public ApiModule api(Vertx vertx, java.util.function.Predicate<String> knownSite) {
        return new CommandRoutes(vertx, this, knownSite);
    }

    /** Checks for expired commands now and then. */
    public void schedule(Vertx vertx) {
        vertx.setPeriodic(EXPIRY_CHECK_MS, t -> run(this::expireDue));
    }

    /** Told of every stored event; answers are applied off the ingest thread, in order. */
    public StoredEventListener listener() {
        return (event, received) -> {
            if (ANSWERS.contains(event.type())) {
                run(() -> answer(event));
            }
        };
    }

    /**
     * Signs, stores, publishes and audits a command. Blocking.
     *
     * @throws IllegalArgumentException when the action or its args are not acceptable (a one-line reason)
     */
    CommandRecord send(String site, String action, JsonNode args, Duration expiresIn, String issuer) {
        Instant now = clock.instant();
        ObjectNode checked = CommandArgs.check(action, args, now);
        Command signed = CommandSignatures.sign(
                new Command(1, ids.next(), site, now, now.plus(expiresIn), issuer, action, checked, null),
                key.privateKey());
        byte[] payload = codec.encode(signed);
        try {
            codec.decode(PayloadKind.COMMAND, payload);
        } catch (PayloadRejectedException e) {
            throw new IllegalArgumentException("the command does not fit the protocol: " + e.getMessage());
        }
        CommandRecord record = new CommandRecord(
                signed.id(),
                site,
                action,
                checked,
                issuer,
                signed.issuedAt(),
                signed.expiresAt(),
                CommandRecord.SENT,
                null,
                null,
                null,
                null,
                signed.issuedAt(),
                new String(payload, StandardCharsets.UTF_8));
        store.insert(record);
        outlet.publish(topics.commands(site), payload, false);
        audit.record(new AuditEntry(
                "command.sent",
                issuer,
                site,
                "ok",
                "sent " + action + " to " + site,
                Json.object()
                        .put("command_id", record.id())
                        .put("action", action)
                        .put("expires_at", record.expiresAt().toString())
                        .set("args", checked.deepCopy())));
        LOG.log(Level.INFO, "command {0} {1} sent to {2} by {3}", record.id(), action, site, issuer);
        push(record);
        return record;
    }

    Optional<CommandRecord> find(String id) {
        return store.find(id);
    }

    List<CommandRecord> recent(String site, int limit) {
        return store.recent(site, limit);
    }

    Optional<CommandRecord> lastDrill(String site) {
        return store.lastDrill(site);
    }

    /** Marks every sent command past its expiry as expired. Blocking. */
    void expireDue() {
        Instant now = clock.instant();
        for (String id : store.overdue(now)) {
            store.update(
                            id,
                            c -> CommandRecord.SENT.equals(c.status())
                                            && c.expiresAt().isBefore(now)
                                    ? with(c, CommandRecord.EXPIRED, null, null, c.result(), c.drill(), now)
                                    : c)
                    .ifPresent(this::push);
        }
    }

    /** Applies an agent's answer; idempotent: the first answer settles the status, a repeat changes nothing. */
    void answer(Event event) {
        String id = event.data().path("command_id").asText("");
        if (id.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        store.update(id, c -> c.site().equals(event.site()) ? answered(c, event, now) : c)
                .ifPresent(this::push);
    }

    private static CommandRecord answered(CommandRecord c, Event event, Instant now) {
        ObjectNode data = event.data();
        boolean open = CommandRecord.SENT.equals(c.status()) || CommandRecord.EXPIRED.equals(c.status());
        String reason = text(data, "reason", MAX_REASON);
        String detail = text(data, "detail", MAX_DETAIL);
        return switch (event.type()) {
            case EventTypes.COMMAND_COMPLETED ->
                open || drilledWithoutResult(c)
                        ? with(c, CommandRecord.COMPLETED, null, null, object(data.path("result")), c.drill(), now)
                        : c;
            case EventTypes.COMMAND_FAILED ->
                open ? with(c, CommandRecord.FAILED, reason, detail, null, c.drill(), now) : c;
            case EventTypes.COMMAND_REJECTED ->
                open ? with(c, CommandRecord.REJECTED, reason, detail, null, c.drill(), now) : c;
            case EventTypes.DRILL_COMPLETED -> drilled(c, data, open, reason, now);
            default -> c;
        };
    }

    /** A drill that drill.completed settled before command.completed brought its result. */
    private static boolean drilledWithoutResult(CommandRecord c) {
        return CommandRecord.COMPLETED.equals(c.status()) && c.result() == null && c.drill() != null;
    }

    private static CommandRecord drilled(CommandRecord c, ObjectNode data, boolean open, String reason, Instant now) {
        if (c.drill() != null) {
            return c;
        }
        ObjectNode drill = data.deepCopy();
        if (!open) {
            return with(c, c.status(), c.reason(), c.detail(), c.result(), drill, now);
        }
        return data.path("passed").asBoolean(false)
                ? with(c, CommandRecord.COMPLETED, null, null, c.result(), drill, now)
                : with(c, CommandRecord.FAILED, reason == null ? "drill_failed" : reason, null, null, drill, now);
    }

    private static CommandRecord with(
            CommandRecord c,
            String status,
            String reason,
            String detail,
            ObjectNode result,
            ObjectNode drill,
            Instant now) {
        return new CommandRecord(
                c.id(),
                c.site(),
                c.action(),
                c.args(),
                c.issuer(),
                c.issuedAt(),
                c.expiresAt(),
                status,
                reason,
                detail,
                result,
                drill,
                now,
                c.envelope());
    }

    private static String text(ObjectNode data, String field, int max) {
        JsonNode n = data.path(field);
        if (!n.isValueNode() || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static ObjectNode object(JsonNode n) {
        return n instanceof ObjectNode o ? o.deepCopy() : Json.object();
    }

    private void push(CommandRecord record) {
        live.publish("command", CommandViews.api(record).toString());
    }

    private void run(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "commands: {0}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
