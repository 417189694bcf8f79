package dev.vigil.collector.tenancy.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.vigil.collector.tenancy.SsoAccounts.Refused;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token: its signature against the provider's keys (asymmetric algorithms only; an unknown key id makes
 * the keys be fetched again), {@code iss}, {@code aud} (and {@code azp} when there are several audiences), {@code exp}
 * and {@code iat} with {@link #SKEW} of tolerance, and the {@code nonce} of the sign-in it answers.
 */
final class IdTokens {
    static final Duration SKEW = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA);

    private final OidcProvider provider;
    private final String issuer;
    private final String clientId;
    private final Clock clock;

    IdTokens(OidcProvider provider, String issuer, String clientId, Clock clock) {
        this.provider = provider;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
    }

    JWTClaimsSet check(String idToken, String nonce) throws Refused {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys()));
        DefaultJWTClaimsVerifier<SecurityContext> verifier =
                new DefaultJWTClaimsVerifier<>(
                        clientId,
                        new JWTClaimsSet.Builder()
                                .issuer(issuer)
                                .claim("nonce", nonce)
                                .build(),
                        Set.of("sub", "iat", "exp")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        verifier.setMaxClockSkew((int) SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (BadJWTException e) {
            throw new Refused("the ID token was refused: " + withoutExpectedValue(e.getMessage()));
        } catch (Exception e) {
            if (e.getCause() instanceof Refused r) {
                throw r;
            }
            throw new Refused("the ID token was refused: " + e.getMessage());
        }
        List<String> audience = claims.getAudience();
        if (audience.size() > 1 && !clientId.equals(claims.getClaim("azp"))) {
            throw new Refused("the ID token was refused: several audiences and azp is not " + clientId);
        }
        if (claims.getIssueTime().toInstant().isAfter(clock.instant().plus(SKEW))) {
            throw new Refused("the ID token was refused: issued in the future (iat)");
        }
        return claims;
    }

    /** Nimbus names the expected value too; for the nonce that is this sign-in's, which the page need not show. */
    private static String withoutExpectedValue(String message) {
        return message == null ? "invalid" : message.replaceAll(", must be .*$", "");
    }

    /** The cached keys; a token whose key is not among them makes them be fetched again (the provider rotated). */
    private JWKSource<SecurityContext> keys() {
        return (JWKSelector selector, SecurityContext context) -> {
            try {
                List<JWK> found = selector.select(provider.keys(false));
                return found.isEmpty() ? selector.select(provider.keys(true)) : found;
            } catch (Refused r) {
                throw new com.nimbusds.jose.KeySourceException(r.getMessage(), r);
            }
        };
    }
}
