package dev.vigil.collector.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.audit.AuditEntry;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.store.Stores;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.SteppingClock;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.Severity;
import dev.vigil.protocol.Topics;
import dev.vigil.protocol.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command service on a real store: what it publishes, stores, audits and pushes live, how answers settle a
 * command, and expiry, with a clock the test moves.
 */
abstract class CommandServiceContract {
    record Published(String topic, byte[] payload, boolean retained) {}

    @TempDir
    Path dir;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-07T17:00:00.123456Z"));
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
    private final List<String> pushed = new CopyOnWriteArrayList<>();
    private CommandService service;
    private CommandKey key;

    abstract Stores stores();

    @BeforeEach
    void openService() {
        key = CommandKey.loadOrCreate(dir.resolve("command-key.pem"));
        LiveUpdates live = new LiveUpdates();
        live.subscribe((name, json) -> pushed.add(name + " " + json));
        service = new CommandService(
                stores(),
                key,
                Topics.defaults(),
                new WireCodec(),
                (t, p, r) -> published.add(new Published(t, p, r)),
                live,
                audited::add,
                clock);
    }

    @Test
    void send_publishesSigned_storesAuditsAndPushes() throws Exception {
        CommandRecord sent = service.send(
                "site-1",
                "pause_repairs",
                Json.object().put("until", "2026-12-07T19:00:00+01:00"),
                Duration.ofMinutes(5),
                "alice");

        assertThat(published).hasSize(1);
        Published p = published.get(0);
        assertThat(p.topic()).isEqualTo("vigil/v1/sites/site-1/commands");
        assertThat(p.retained()).isFalse();
        Command command = new WireCodec().decode(PayloadKind.COMMAND, p.payload());
        assertThat(CommandSignatures.verifies(command, key.publicKey())).isTrue();
        assertThat(command.issuedAt()).isEqualTo(Instant.parse("2026-12-07T17:00:00.123Z"));
        assertThat(command.expiresAt()).isEqualTo(Instant.parse("2026-12-07T17:05:00.123Z"));
        assertThat(command.args().get("until").asText()).isEqualTo("2026-12-07T18:00:00Z");

        assertThat(service.find(sent.id())).contains(sent);
        assertThat(sent.status()).isEqualTo(CommandRecord.SENT);
        assertThat(audited).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("command.sent");
            assertThat(a.actor()).isEqualTo("alice");
            assertThat(a.site()).isEqualTo("site-1");
            assertThat(a.details().get("command_id").asText()).isEqualTo(sent.id());
            assertThat(a.details().toString()).doesNotContain(command.sig());
        });
        assertThat(pushed).singleElement().asString().startsWith("command {").contains("\"site\":\"site-1\"");
    }

    @Test
    void badArgs_publishNothing_storeNothing() {
        assertThatThrownBy(() -> service.send("site-2", "failover_drill", Json.object(), Duration.ofMinutes(5), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold_s");
        assertThat(published).isEmpty();
        assertThat(audited).isEmpty();
        assertThat(service.recent("site-2", 10)).isEmpty();
    }

    @Test
    void unanswered_expires_thenALateAnswerStillCounts() {
        CommandRecord sent = service.send("site-3", "probe_now", null, Duration.ofSeconds(60), "bob");
        clock.advance(Duration.ofSeconds(59));
        service.expireDue();
        assertThat(service.find(sent.id()).orElseThrow().status()).isEqualTo(CommandRecord.SENT);
        clock.advance(Duration.ofSeconds(2));
        service.expireDue();
        assertThat(service.find(sent.id()).orElseThrow().status()).isEqualTo(CommandRecord.EXPIRED);
        assertThat(pushed).last().asString().contains("\"status\":\"expired\"");

        service.answer(answer("site-3", "command.completed", Json.object().put("command_id", sent.id())));
        assertThat(service.find(sent.id()).orElseThrow().status()).isEqualTo(CommandRecord.COMPLETED);
    }

    @Test
    void answers_areIdempotent_andOnlyFromTheCommandsSite() {
        CommandRecord sent =
                service.send("site-4", "failover_drill", Json.object().put("hold_s", 3), Duration.ofMinutes(5), "c");
        service.answer(answer("site-5", "command.failed", Json.object().put("command_id", sent.id())));
        assertThat(service.find(sent.id()).orElseThrow().status()).isEqualTo(CommandRecord.SENT);

        JsonNode drill =
                Json.object().put("command_id", sent.id()).put("passed", false).put("reason", "no_takeover");
        service.answer(answer("site-4", "drill.completed", (com.fasterxml.jackson.databind.node.ObjectNode) drill));
        CommandRecord failed = service.find(sent.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CommandRecord.FAILED);
        assertThat(failed.reason()).isEqualTo("no_takeover");
        int pushes = pushed.size();
        service.answer(answer("site-4", "drill.completed", (com.fasterxml.jackson.databind.node.ObjectNode) drill));
        service.answer(answer("site-4", "command.completed", Json.object().put("command_id", sent.id())));
        assertThat(service.find(sent.id())).contains(failed);
        assertThat(pushed).hasSize(pushes);
        assertThat(service.lastDrill("site-4")
                        .orElseThrow()
                        .drill()
                        .get("passed")
                        .asBoolean())
                .isFalse();
    }

    private static Event answer(String site, String type, com.fasterxml.jackson.databind.node.ObjectNode data) {
        return Payloads.event(
                site, type, Severity.INFO, "command/" + data.path("command_id").asText(), data);
    }
}
