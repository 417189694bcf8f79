package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.auth.Directory.SitePrincipal;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import java.util.Optional;

/** A principal as stored with its MQTT session: {@code site:ID} or {@code user:ROLE:NAME}. */
final class Principals {
    private Principals() {}

    static String encode(Principal p) {
        if (p instanceof SitePrincipal s) {
            return "site:" + s.site();
        }
        UserPrincipal u = (UserPrincipal) p;
        return "user:" + u.role().wireName() + ":" + u.username();
    }

    static Optional<Principal> decode(String text) {
        if (text.startsWith("site:")) {
            return Optional.of(new SitePrincipal(text.substring(5)));
        }
        String[] parts = text.split(":", 3);
        if (parts.length == 3 && parts[0].equals("user")) {
            return Role.parse(parts[1]).map(role -> new UserPrincipal(parts[2], role));
        }
        return Optional.empty();
    }
}
