package dev.vigil.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.PayloadRejectedException;
import dev.vigil.protocol.WireCodec;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Decides whether a command payload may run, in this order: readable and of the schema ({@code malformed}), commands
 * configured ({@code not_configured}), for this site ({@code wrong_site}), signed ({@code unsigned}) by the
 * collector's key ({@code bad_signature}), not expired ({@code expired}), not issued too far in the future
 * ({@code bad_time}), not seen before ({@code replayed}). Only a command that passes all is recorded as seen.
 */
public final class CommandVerifier {
    /** What became of a payload: a command to run, or why not. */
    public sealed interface Verdict {}

    public record Accepted(Command command) implements Verdict {}

    public record Rejected(CommandRejection rejection) implements Verdict {}

    private static final int MAX_BYTES = 64 * 1024;
    private static final Pattern SIG = Pattern.compile("[A-Za-z0-9_-]{86}");
    /** Stands in for a missing or misshapen signature so the rest can be checked against the schema. */
    private static final String PLACEHOLDER_SIG = "A".repeat(86);

    private final String site;
    private final PublicKey key;
    private final Duration maxClockSkew;
    private final ReplayRecord replay;
    private final Clock clock;
    private final WireCodec codec = new WireCodec();

    /** @param key the collector's public key; null when commands are not configured */
    public CommandVerifier(String site, PublicKey key, Duration maxClockSkew, ReplayRecord replay, Clock clock) {
        this.site = site;
        this.key = key;
        this.maxClockSkew = maxClockSkew;
        this.replay = replay;
        this.clock = clock;
    }

    public Verdict verify(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            return reject(CommandRejection.MALFORMED, "payload of " + payload.length + " bytes exceeds " + MAX_BYTES);
        }
        JsonNode tree;
        try {
            tree = WireCodec.mapper().readTree(payload);
        } catch (IOException e) {
            return reject(CommandRejection.MALFORMED, "not JSON");
        }
        if (tree == null || !tree.isObject()) {
            return reject(CommandRejection.MALFORMED, "not a JSON object");
        }
        ObjectNode claimed = ((ObjectNode) tree).deepCopy();
        JsonNode sigNode = claimed.get("sig");
        boolean unsigned =
                sigNode == null || sigNode.isNull() || sigNode.asText().isEmpty();
        boolean misshapen = !unsigned
                && sigNode.isTextual()
                && !SIG.matcher(sigNode.asText()).matches();
        if (unsigned || misshapen) {
            claimed.put("sig", PLACEHOLDER_SIG);
        }
        Command command;
        try {
            command = codec.decode(PayloadKind.COMMAND, WireCodec.mapper().writeValueAsBytes(claimed));
        } catch (PayloadRejectedException | IOException e) {
            return reject(CommandRejection.MALFORMED, e.getMessage(), tree);
        }
        if (key == null) {
            return reject(command, CommandRejection.NOT_CONFIGURED, "this agent has no commands.public_key");
        }
        if (!site.equals(command.site())) {
            return reject(command, CommandRejection.WRONG_SITE, "for site " + command.site() + ", this is " + site);
        }
        if (unsigned) {
            return reject(command, CommandRejection.UNSIGNED, "the command carries no signature");
        }
        if (misshapen || !CommandSignatures.verifies(command, key)) {
            return reject(
                    command, CommandRejection.BAD_SIGNATURE, "the signature does not verify with the collector's key");
        }
        Instant now = clock.instant();
        if (!now.isBefore(command.expiresAt())) {
            return reject(command, CommandRejection.EXPIRED, "expired at " + command.expiresAt() + ", now " + now);
        }
        if (command.issuedAt().isAfter(now.plus(maxClockSkew))) {
            return reject(
                    command,
                    CommandRejection.BAD_TIME,
                    "issued at " + command.issuedAt() + ", more than commands.max_clock_skew ("
                            + maxClockSkew.toSeconds() + " s) after this agent's clock " + now);
        }
        if (!replay.firstSight(command.id(), command.expiresAt())) {
            return reject(command, CommandRejection.REPLAYED, "command " + command.id() + " was received before");
        }
        return new Accepted(command);
    }

    private static Verdict reject(String reason, String detail) {
        return new Rejected(new CommandRejection(reason, detail, null, null, null));
    }

    private static Verdict reject(String reason, String detail, JsonNode tree) {
        return new Rejected(
                new CommandRejection(reason, detail, text(tree, "id"), text(tree, "action"), text(tree, "issuer")));
    }

    private static Verdict reject(Command c, String reason, String detail) {
        return new Rejected(new CommandRejection(reason, detail, c.id(), c.action(), c.issuer()));
    }

    /** A short text field as claimed, for the rejection event; anything odd is left out. */
    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isTextual() || value.asText().length() > 128) {
            return null;
        }
        return CommandRejection.oneLine(value.asText());
    }
}
