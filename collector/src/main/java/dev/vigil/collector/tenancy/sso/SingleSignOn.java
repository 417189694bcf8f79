package dev.vigil.collector.tenancy.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.config.SsoConfig;
import dev.vigil.collector.store.SsoPendingStore;
import dev.vigil.collector.store.TenancyStore;
import dev.vigil.collector.tenancy.SsoAccounts;
import dev.vigil.collector.tenancy.SsoAccounts.Refused;
import dev.vigil.collector.tenancy.Tenancy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * OpenID Connect sign-in, authorization code flow with PKCE (S256): {@link #begin} sends the browser to the provider
 * with a fresh {@code state}, {@code nonce} and code challenge; {@link #finish} redeems the code, checks the ID token
 * and turns its claims into a Vigil user, role and customer. Every refusal is written to the authentication log; one
 * of a valid ID token (a person the provider signed in, whom Vigil refuses) also counts as a failed login for the
 * login guard, on the account and the address. Blocking.
 */
public final class SingleSignOn {
    /** Where to send the browser, and the value of its binding cookie. */
    public record Start(String authorizationUrl, String binding) {
        @Override
        public String toString() {
            return "Start[…]";
        }
    }

    /** A sign-in that passed: the session to start. */
    public record SignedIn(String username, Role role) {}

    /** A sign-in under way, taken by its state. */
    public static final class Ticket {
        private final PendingSignIns.Pending pending;

        private Ticket(PendingSignIns.Pending pending) {
            this.pending = pending;
        }
    }

    private final SsoConfig config;
    private final String redirectUrl;
    private final OidcProvider provider;
    private final IdTokens idTokens;
    private final ClaimMapping mapping;
    private final PendingSignIns pending;
    private final SsoAccounts accounts;
    private final Tenancy tenancy;

    public SingleSignOn(
            SsoConfig config,
            String publicUrl,
            TenancyStore store,
            SsoPendingStore pendingStore,
            Tenancy tenancy,
            Clock clock) {
        this.config = config;
        this.redirectUrl = config.effectiveRedirectUrl(publicUrl);
        this.provider = new OidcProvider(config.issuer(), clock);
        this.idTokens = new IdTokens(provider, config.issuer(), config.clientId(), clock);
        this.mapping = new ClaimMapping(config);
        this.pending = new PendingSignIns(pendingStore, clock);
        this.accounts = new SsoAccounts(store, tenancy, clock);
        this.tenancy = tenancy;
    }

    /** Reads the SSO users (for the two-factor policy), again at each reload of the tenancy. Blocking. */
    public SingleSignOn load() {
        accounts.load(config.skipTotp());
        tenancy.sync().alsoReload(() -> accounts.load(config.skipTotp()));
        return this;
    }

    public String label() {
        return config.label();
    }

    public Start begin() throws Refused {
        OidcProvider.Metadata m = provider.metadata();
        PendingSignIns.Pending p;
        try {
            p = pending.begin();
        } catch (IllegalStateException e) {
            throw new Refused(e.getMessage());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUrl);
        query.put("scope", String.join(" ", config.scopes()));
        query.put("state", p.state());
        query.put("nonce", p.nonce());
        query.put("code_challenge", p.challenge());
        query.put("code_challenge_method", "S256");
        String endpoint = m.authorizationEndpoint().toString();
        return new Start(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query), p.binding());
    }

    /** The sign-in this state belongs to, if this browser (its binding cookie) started it; usable once. Blocking. */
    public Optional<Ticket> take(String state, String binding) {
        return pending.take(state, binding).map(Ticket::new);
    }

    /** @param address the browser's address, for the login guard */
    public SignedIn finish(Ticket ticket, String code, String address) throws Refused {
        String account = null;
        try {
            String idToken = provider.redeem(
                    code, ticket.pending.verifier(), redirectUrl, config.clientId(), config.clientSecret());
            JWTClaimsSet claims = idTokens.check(idToken, ticket.pending.nonce());
            account = mapping.username(claims);
            ClaimMapping.Mapped mapped = mapping.map(claims);
            accounts.signIn(
                    mapped.username(),
                    config.issuer() + " " + claims.getSubject(),
                    mapped.role(),
                    mapped.customer(),
                    config.createUsers(),
                    config.skipTotp());
            tenancy.logins().succeeded(mapped.username());
            return new SignedIn(mapped.username(), mapped.role());
        } catch (Refused r) {
            if (account != null) {
                tenancy.logins().failed("sso", account, address);
            }
            tenancy.log().record("sso_refused", account == null ? "(no valid ID token)" : account, address, null);
            throw r;
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
