package dev.vigil.agent.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.testing.CommandSigner;
import dev.vigil.agent.testing.ManualClock;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandVerifierTest {
    private static final String SITE = "acme-hq";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T17:00:00Z"));
    private final CommandSigner collector = new CommandSigner(SITE, clock);
    private ReplayRecord replay;
    private CommandVerifier verifier;

    @BeforeEach
    void open() throws Exception {
        replay = ReplayRecord.open(dir, clock);
        verifier = verifierWith(replay);
    }

    @AfterEach
    void close() {
        replay.close();
    }

    private CommandVerifier verifierWith(ReplayRecord record) {
        return new CommandVerifier(
                SITE, collector.keys().getPublic(), CommandsConfig.DEFAULT_MAX_CLOCK_SKEW, record, clock);
    }

    @Test
    void signedCommand_accepted() {
        Command c = collector.signed("probe_now");

        assertThat(verifier.verify(CommandSigner.bytes(c))).isEqualTo(new CommandVerifier.Accepted(c));
    }

    @Test
    void notJson_malformedWithoutId() {
        CommandRejection r = rejection(verifier.verify("{not json".getBytes(UTF_8)));

        assertThat(r.reason()).isEqualTo("malformed");
        assertThat(r.detail()).isEqualTo("not JSON");
        assertThat(r.id()).isNull();
    }

    @Test
    void schemaViolation_malformedOnOneLineWithTheIdItCouldRead() {
        Command c = collector.signed("probe_now");
        ObjectNode tree = tree(c);
        tree.put("issued_at", "yesterday");
        tree.put("surprise", 1);

        CommandRejection r = rejection(verifier.verify(tree.toString().getBytes(UTF_8)));

        assertThat(r.reason()).isEqualTo("malformed");
        assertThat(r.id()).isEqualTo(c.id());
        assertThat(r.action()).isEqualTo("probe_now");
        assertThat(r.detail()).contains("issued_at").contains("surprise").doesNotContain("\n");
    }

    @Test
    void noKeyConfigured_notConfigured() {
        CommandVerifier off = new CommandVerifier(SITE, null, CommandsConfig.DEFAULT_MAX_CLOCK_SKEW, replay, clock);
        Command c = collector.signed("probe_now");

        CommandRejection r = rejection(off.verify(CommandSigner.bytes(c)));

        assertThat(r.reason()).isEqualTo("not_configured");
        assertThat(r.id()).isEqualTo(c.id());
    }

    @Test
    void otherSite_wrongSite() {
        Command c = new CommandSigner("other-site", clock).signed("probe_now");

        assertThat(rejection(verifier.verify(CommandSigner.bytes(c))).reason()).isEqualTo("wrong_site");
    }

    @Test
    void noSignature_unsigned() {
        ObjectNode tree = tree(collector.signed("probe_now"));
        tree.remove("sig");

        assertThat(rejection(verifier.verify(tree.toString().getBytes(UTF_8))).reason())
                .isEqualTo("unsigned");
    }

    @Test
    void signedByAnotherKey_badSignature() {
        Command forged = new CommandSigner(SITE, clock).signed("probe_now");

        CommandRejection r = rejection(verifier.verify(CommandSigner.bytes(forged)));

        assertThat(r.reason()).isEqualTo("bad_signature");
        assertThat(r.detail()).doesNotContain(forged.sig());
    }

    @Test
    void argsChangedAfterSigning_badSignature() {
        Command c = collector.signed("pause_repairs", Json.object().put("until", "2026-12-07T18:00:00Z"), ttl());
        ObjectNode tree = tree(c);
        ((ObjectNode) tree.get("args")).put("until", "2026-12-14T17:00:00Z");

        assertThat(rejection(verifier.verify(tree.toString().getBytes(UTF_8))).reason())
                .isEqualTo("bad_signature");
    }

    @Test
    void misshapenSignature_badSignature() {
        ObjectNode tree = tree(collector.signed("probe_now"));
        tree.put("sig", "abc");

        assertThat(rejection(verifier.verify(tree.toString().getBytes(UTF_8))).reason())
                .isEqualTo("bad_signature");
    }

    @Test
    void pastExpiry_expired() {
        Command c = collector.signed("probe_now", Json.object(), Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));

        assertThat(rejection(verifier.verify(CommandSigner.bytes(c))).reason()).isEqualTo("expired");
    }

    @Test
    void issuedBeyondTheSkewAhead_badTime_withinItAccepted() {
        Command c = collector.signed("probe_now", Json.object(), Duration.ofHours(1));
        Command farAhead = collector.sign(new Command(
                1,
                c.id(),
                SITE,
                clock.instant().plus(Duration.ofMinutes(6)),
                clock.instant().plus(Duration.ofHours(1)),
                "alice",
                "probe_now",
                Json.object(),
                null));
        Command slightlyAhead = collector.sign(new Command(
                1,
                collector.signed("probe_now").id(),
                SITE,
                clock.instant().plus(Duration.ofMinutes(4)),
                clock.instant().plus(Duration.ofHours(1)),
                "alice",
                "probe_now",
                Json.object(),
                null));

        assertThat(rejection(verifier.verify(CommandSigner.bytes(farAhead))).reason())
                .isEqualTo("bad_time");
        assertThat(verifier.verify(CommandSigner.bytes(slightlyAhead))).isInstanceOf(CommandVerifier.Accepted.class);
    }

    @Test
    void sameIdTwice_replayed() {
        byte[] payload = CommandSigner.bytes(collector.signed("probe_now"));

        assertThat(verifier.verify(payload)).isInstanceOf(CommandVerifier.Accepted.class);
        assertThat(rejection(verifier.verify(payload)).reason()).isEqualTo("replayed");
    }

    @Test
    void replayRecord_survivesRestart_andForgetsIdsOnceExpired() throws Exception {
        Command shortLived = collector.signed("probe_now", Json.object(), Duration.ofMinutes(1));
        Command longLived = collector.signed("probe_now", Json.object(), Duration.ofHours(1));
        verifier.verify(CommandSigner.bytes(shortLived));
        verifier.verify(CommandSigner.bytes(longLived));
        replay.close();

        replay = ReplayRecord.open(dir, clock);
        assertThat(rejection(verifierWith(replay).verify(CommandSigner.bytes(longLived)))
                        .reason())
                .isEqualTo("replayed");
        replay.close();

        clock.advance(Duration.ofMinutes(2));
        replay = ReplayRecord.open(dir, clock);
        assertThat(replay.size()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve(ReplayRecord.FILE), UTF_8))
                .contains(longLived.id())
                .doesNotContain(shortLived.id());
    }

    @Test
    void tornLastLine_skippedAndTheRestKept() throws Exception {
        Command c = collector.signed("probe_now");
        verifier.verify(CommandSigner.bytes(c));
        replay.close();
        Files.writeString(dir.resolve(ReplayRecord.FILE), "01JEXAMPLE", UTF_8, java.nio.file.StandardOpenOption.APPEND);

        replay = ReplayRecord.open(dir, clock);

        assertThat(rejection(verifierWith(replay).verify(CommandSigner.bytes(c)))
                        .reason())
                .isEqualTo("replayed");
        assertThat(replay.size()).isEqualTo(1);
    }

    @Test
    void rejectedCommand_notRecordedAsSeen() {
        Command c = collector.signed("probe_now", Json.object(), Duration.ofMinutes(10));
        ObjectNode tampered = tree(c).put("issuer", "mallory");

        rejection(verifier.verify(tampered.toString().getBytes(UTF_8)));

        assertThat(verifier.verify(CommandSigner.bytes(c))).isInstanceOf(CommandVerifier.Accepted.class);
    }

    private static Duration ttl() {
        return Duration.ofMinutes(10);
    }

    private static ObjectNode tree(Command c) {
        return (ObjectNode) WireCodec.readTree(new String(CommandSigner.bytes(c), UTF_8));
    }

    private static CommandRejection rejection(CommandVerifier.Verdict verdict) {
        assertThat(verdict).isInstanceOf(CommandVerifier.Rejected.class);
        return ((CommandVerifier.Rejected) verdict).rejection();
    }
}
