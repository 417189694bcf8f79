package dev.vigil.agent.command;

import dev.vigil.agent.config.ConfigNode;
import dev.vigil.protocol.CommandKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code commands} section: the collector's Ed25519 public key that signs commands, how far in the future a
 * command may claim to be issued, and where the agent keeps the ids it has seen and a pause of repairs. Without a
 * key, commands are off: every command is answered {@code not_configured}.
 *
 * @param publicKey null when no key is configured (or, with {@code --syntax-only}, when its file was not read)
 * @param stateDir the replay record and the repairs pause live here
 */
public record CommandsConfig(PublicKey publicKey, Duration maxClockSkew, Path stateDir) {
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public Optional<PublicKey> key() {
        return Optional.ofNullable(publicKey);
    }

    /** Commands off, state beside the outbox. */
    public static CommandsConfig disabled(Path outboxDir) {
        return new CommandsConfig(null, DEFAULT_MAX_CLOCK_SKEW, defaultStateDir(outboxDir));
    }

    /** {@code commands} from a config; the state directory defaults to {@code commands} beside the outbox directory. */
    public static CommandsConfig parse(ConfigNode node, Path outboxDir) {
        node.allowOnly("public_key", "public_key_file", "max_clock_skew", "state_dir");
        PublicKey key = null;
        if (node.has("public_key") && node.has("public_key_file")) {
            node.problem("public_key_file", null, "give public_key or public_key_file, not both");
        } else if (node.has("public_key")) {
            key = parseKey(node, "public_key", null, node.child("public_key").text());
        } else if (node.has("public_key_file")) {
            Path file = node.readableFile("public_key_file");
            if (file != null && node.inputs().reads() && Files.isReadable(file)) {
                String text = read(node, file);
                key = text == null ? null : parseKey(node, "public_key_file", file.toString(), text);
            }
        }
        Duration skew = node.duration("max_clock_skew", DEFAULT_MAX_CLOCK_SKEW, Duration.ZERO, Duration.ofHours(1));
        Path stateDir = node.path("state_dir", defaultStateDir(outboxDir));
        return new CommandsConfig(key, skew, stateDir);
    }

    static Path defaultStateDir(Path outboxDir) {
        Path parent = outboxDir.toAbsolutePath().getParent();
        return parent == null ? Path.of("/commands") : parent.resolve("commands");
    }

    /** The key's text never goes into a problem: only what is wrong with it. */
    private static PublicKey parseKey(ConfigNode node, String key, String shown, String text) {
        if (text == null) {
            node.problem(key, shown, "must be an Ed25519 public key as one line of base64 or PEM text");
            return null;
        }
        try {
            return CommandKeys.parsePublicKey(text);
        } catch (IllegalArgumentException e) {
            node.problem(key, shown, e.getMessage());
            return null;
        }
    }

    private static String read(ConfigNode node, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            node.problem("public_key_file", file.toString(), "cannot be read: " + e.getMessage());
            return null;
        }
    }
}
