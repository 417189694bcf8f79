package dev.vigil.agent.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandKeys;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.WireCodec;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Plays the collector in tests: signs commands for a site with its own Ed25519 key. */
public final class CommandSigner {
    private final KeyPair keys = CommandKeys.generate();
    private final String site;
    private final Clock clock;
    private final EventIds ids;

    public CommandSigner(String site, Clock clock) {
        this.site = site;
        this.clock = clock;
        this.ids = new EventIds(clock);
    }

    public String publicKeyText() {
        return CommandKeys.publicKeyText(keys.getPublic());
    }

    public KeyPair keys() {
        return keys;
    }

    /** Issued now by alice, valid for {@code ttl}. */
    public Command signed(String action, ObjectNode args, Duration ttl) {
        Instant now = clock.instant();
        return sign(new Command(1, ids.next(), site, now, now.plus(ttl), "alice", action, args, null));
    }

    public Command signed(String action) {
        return signed(action, Json.object(), Duration.ofMinutes(10));
    }

    public Command sign(Command command) {
        return CommandSignatures.sign(command, keys.getPrivate());
    }

    public static byte[] bytes(Command command) {
        return new WireCodec().encode(command);
    }
}
