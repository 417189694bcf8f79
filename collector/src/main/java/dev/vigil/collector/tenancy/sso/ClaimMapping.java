package dev.vigil.collector.tenancy.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.config.SsoConfig;
import dev.vigil.collector.tenancy.SsoAccounts.Refused;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The Vigil user, role and customer that an ID token's claims stand for. */
final class ClaimMapping {
    /** What the claims say; {@code customer} null for MSP staff. */
    record Mapped(String username, Role role, String customer) {}

    private final SsoConfig config;

    ClaimMapping(SsoConfig config) {
        this.config = config;
    }

    /** The user name alone, for the login guard when the rest is refused; null when the claim is missing. */
    String username(JWTClaimsSet claims) {
        Object value = claims.getClaim(config.usernameClaim());
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    Mapped map(JWTClaimsSet claims) throws Refused {
        String username = username(claims);
        if (username == null) {
            throw new Refused("the ID token has no " + config.usernameClaim() + " claim to name the Vigil user");
        }
        Optional<Role> role = values(claims.getClaim(config.roleClaim())).stream()
                .map(config.roleMap()::get)
                .filter(r -> r != null)
                .map(r -> Role.parse(r).orElseThrow())
                .reduce((a, b) -> a.atLeast(b) ? a : b);
        if (role.isEmpty()) {
            throw new Refused("'" + username + "' has no Vigil role: the provider's " + config.roleClaim()
                    + " claim names none of the values that map to one");
        }
        String customer = null;
        if (config.customerClaim() != null && !config.customerClaim().isBlank()) {
            List<String> customers = values(claims.getClaim(config.customerClaim()));
            if (customers.size() > 1) {
                throw new Refused("the provider's " + config.customerClaim() + " claim names several customers");
            }
            customer = customers.isEmpty() ? null : customers.get(0);
        }
        return new Mapped(username, role.get(), customer);
    }

    private static List<String> values(Object claim) {
        if (claim instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s);
        }
        if (claim instanceof Collection<?> c) {
            return c.stream()
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .toList();
        }
        return List.of();
    }
}
