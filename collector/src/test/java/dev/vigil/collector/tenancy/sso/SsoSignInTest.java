package dev.vigil.collector.tenancy.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.config.SsoConfig;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.ops.Counters;
import dev.vigil.collector.store.TenancyStore.AuthEventRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Single sign-on over HTTP against a real OpenID Connect provider (Spring Authorization Server in this JVM): a sign-in
 * ends in the same session cookie as a password login, as the user, role and customer the claims map to; a wrong,
 * replayed or foreign state, a wrong nonce, an expired code, claims without a role, a password user's name and, with
 * just-in-time creation off, an unknown user are refused without a session. The provider starts once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoSignInTest {
    static final String CLIENT = "vigil";
    static final Map<String, String> ROLES =
            Map.of("vigil-admins", "admin", "vigil-ops", "operator", "vigil-viewers", "viewer");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpringOidcProvider provider;
    private LiveCollector collector;
    private String base;

    @BeforeAll
    void start() {
        provider = SpringOidcProvider.start(List.of(
                new SpringOidcProvider.Person("carol", List.of("staff", "vigil-ops"), "acme"),
                new SpringOidcProvider.Person("dave", List.of("vigil-viewers", "vigil-admins"), null),
                new SpringOidcProvider.Person("mallory", List.of("staff"), null),
                new SpringOidcProvider.Person("erin", List.of("vigil-viewers"), null),
                new SpringOidcProvider.Person("nobody-here", List.of("vigil-ops"), null),
                new SpringOidcProvider.Person("viewer", List.of("vigil-admins"), null),
                new SpringOidcProvider.Person("operator", List.of("vigil-ops"), null),
                new SpringOidcProvider.Person("ghost", List.of("vigil-ops"), "no-such-customer")));
        collector = startCollector(CLIENT, true, true);
        base = collector.url();
        collector.app().tenancy().customers().create("acme");
    }

    @AfterAll
    void stop() {
        if (collector != null) {
            collector.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    /** A collector whose SSO client is registered at the provider with the collector's callback. */
    LiveCollector startCollector(String clientId, boolean createUsers, boolean skipTotp) {
        int port = freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        provider.register(clientId, secret(clientId), publicUrl + SsoConfig.CALLBACK_PATH);
        return LiveCollector.start(c -> c.withPorts(0, port)
                .withPublicUrl(publicUrl)
                .withTotpRequiredRoles(List.of("operator"))
                .withSso(config(provider.issuer(), clientId, createUsers, skipTotp)));
    }

    static SsoConfig config(String issuer, String clientId, boolean createUsers, boolean skipTotp) {
        return new SsoConfig(
                issuer,
                clientId,
                secret(clientId),
                null,
                null,
                null,
                "groups",
                "vigil_customer",
                ROLES,
                createUsers,
                skipTotp,
                "Test provider");
    }

    @Test
    void signIn_startsTheSameSessionAsAPasswordLogin_asTheMappedUserRoleAndCustomer() throws IOException {
        ProviderBrowser browser = new ProviderBrowser();
        HttpResponse<String> back = browser.get(browser.authorize(begin(browser, base), "carol", callback(base)));

        assertThat(ProviderBrowser.location(back)).isEqualTo(base);
        assertThat(browser.cookie(base, "vigil_session")).isNotNull();
        JsonNode me = JSON.readTree(browser.get(base + "api/me").body());
        assertThat(me.path("username").asText()).isEqualTo("carol");
        assertThat(me.path("role").asText()).isEqualTo("operator");
        assertThat(me.path("customer").asText()).isEqualTo("acme");
        assertThat(collector.app().directory().authenticateUser("carol", "sso")).isEmpty();
        assertThat(me.path("totp_setup_required").asBoolean())
                .as("operators must use TOTP, but the provider does the second factor of SSO users")
                .isFalse();
        assertThat(browser.get(base + "api/sites").statusCode()).isEqualTo(200);

        ProviderBrowser second = new ProviderBrowser();
        second.get(second.authorize(begin(second, base), "dave", callback(base)));
        JsonNode dave = JSON.readTree(second.get(base + "api/me").body());
        assertThat(dave.path("role").asText()).isEqualTo("admin");
        assertThat(dave.has("customer")).isFalse();
    }

    @Test
    void aRoleOrCustomerChangeAtTheProvider_appliesAtTheNextSignIn_andEndsTheOlderSessions() throws IOException {
        ProviderBrowser before = new ProviderBrowser();
        before.get(before.authorize(begin(before, base), "erin", callback(base)));
        assertThat(JSON.readTree(before.get(base + "api/me").body())
                        .path("role")
                        .asText())
                .isEqualTo("viewer");

        provider.update(new SpringOidcProvider.Person("erin", List.of("vigil-admins"), "acme"));
        ProviderBrowser after = new ProviderBrowser();
        after.get(after.authorize(begin(after, base), "erin", callback(base)));
        JsonNode me = JSON.readTree(after.get(base + "api/me").body());
        assertThat(me.path("role").asText()).isEqualTo("admin");
        assertThat(me.path("customer").asText()).isEqualTo("acme");
        assertThat(before.get(base + "api/me").statusCode())
                .as("the viewer session of before the change is over")
                .isEqualTo(401);
    }

    @Test
    void discovery_isPublicAndNamesTheButton() throws IOException {
        JsonNode sso = JSON.readTree(new ProviderBrowser().get(base + "api/sso").body());
        assertThat(sso.path("enabled").asBoolean()).isTrue();
        assertThat(sso.path("label").asText()).isEqualTo("Test provider");
    }

    @Test
    void wrongState_isRefused_withoutASession() {
        ProviderBrowser browser = new ProviderBrowser();
        String back = browser.authorize(begin(browser, base), "carol", callback(base));
        HttpResponse<String> r = browser.get(back.replaceAll("state=[^&]+", "state=made-up-state"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown, used already, expired or was started in another browser");
        assertThat(browser.cookie(base, "vigil_session")).isNull();
    }

    @Test
    void replayedState_isRefused() {
        ProviderBrowser browser = new ProviderBrowser();
        String back = browser.authorize(begin(browser, base), "carol", callback(base));
        assertThat(browser.get(back).statusCode()).isEqualTo(302);

        ProviderBrowser replay = new ProviderBrowser();
        begin(replay, base);
        HttpResponse<String> again = browser.get(back);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(replay.get(back).statusCode()).isEqualTo(400);
        assertThat(replay.cookie(base, "vigil_session")).isNull();
    }

    @Test
    void callbackInAnotherBrowser_isRefused() {
        ProviderBrowser victim = new ProviderBrowser();
        String back = victim.authorize(begin(victim, base), "carol", callback(base));
        ProviderBrowser attacker = new ProviderBrowser();
        assertThat(attacker.get(back).statusCode()).isEqualTo(400);
        assertThat(attacker.cookie(base, "vigil_session")).isNull();
        assertThat(victim.get(back).statusCode())
                .as("the state is used up by the attempt")
                .isEqualTo(400);
    }

    @Test
    void wrongNonceInTheIdToken_isRefused() {
        ProviderBrowser browser = new ProviderBrowser();
        String tampered = begin(browser, base).replaceAll("nonce=[^&]+", "nonce=injected-nonce");
        HttpResponse<String> r = browser.get(browser.authorize(tampered, "carol", callback(base)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("nonce");
        assertThat(browser.cookie(base, "vigil_session")).isNull();
    }

    @Test
    void expiredCode_isRefused() {
        ProviderBrowser browser = new ProviderBrowser();
        String start = begin(browser, base);
        provider.registerShortLived(CLIENT, secret(CLIENT), callback(base));
        try {
            String back = browser.authorize(start, "carol", callback(base));
            Instant expired = Instant.now().plusMillis(1_500);
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expired));
            HttpResponse<String> r = browser.get(back);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("the provider refused the code: invalid_grant");
            assertThat(browser.cookie(base, "vigil_session")).isNull();
        } finally {
            provider.register(CLIENT, secret(CLIENT), callback(base));
        }
    }

    @Test
    void claimsThatMapToNoRole_areRefused_andCountAsAFailedLogin() {
        Counters counters = collector.app().counters();
        String failures = Counters.label("vigil_login_failures_total", "via", "sso");
        long before = counters.get(failures);
        ProviderBrowser browser = new ProviderBrowser();
        HttpResponse<String> r = browser.get(browser.authorize(begin(browser, base), "mallory", callback(base)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("'mallory' has no Vigil role", "groups");
        assertThat(browser.cookie(base, "vigil_session")).isNull();
        assertThat(counters.get(failures)).isEqualTo(before + 1);
        assertThat(collector.app().tenancy().log().recent(50))
                .extracting(AuthEventRecord::kind, AuthEventRecord::subject)
                .contains(org.assertj.core.groups.Tuple.tuple("sso_refused", "mallory"));
        assertThat(collector.app().tenancy().users().find("mallory")).isEmpty();
    }

    @Test
    void aPasswordUsersName_isNotTakenOverBySingleSignOn() {
        ProviderBrowser browser = new ProviderBrowser();
        HttpResponse<String> r = browser.get(browser.authorize(begin(browser, base), "viewer", callback(base)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("is a password user of Vigil");
        assertThat(collector
                        .app()
                        .tenancy()
                        .users()
                        .find("viewer")
                        .orElseThrow()
                        .role())
                .isEqualTo("viewer");
    }

    @Test
    void aCustomerVigilDoesNotKnow_isRefused() {
        ProviderBrowser browser = new ProviderBrowser();
        HttpResponse<String> r = browser.get(browser.authorize(begin(browser, base), "ghost", callback(base)));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("no-such-customer");
    }

    @Test
    void aRotatedSigningKey_isFetchedAgain() {
        ProviderBrowser first = new ProviderBrowser();
        first.get(first.authorize(begin(first, base), "dave", callback(base)));
        assertThat(first.cookie(base, "vigil_session")).isNotNull();
        String oldKey = SpringOidcProvider.keyId();
        SpringOidcProvider.rotateKey();
        assertThat(SpringOidcProvider.keyId()).isNotEqualTo(oldKey);

        ProviderBrowser second = new ProviderBrowser();
        HttpResponse<String> r = second.get(second.authorize(begin(second, base), "dave", callback(base)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(second.cookie(base, "vigil_session")).isNotNull();
    }

    @Test
    void withoutJustInTimeCreation_anUnknownUserIsRefused_andAKnownOneIsBound() throws IOException {
        try (LiveCollector strict = startCollector("vigil-strict", false, false)) {
            String url = strict.url();
            ProviderBrowser browser = new ProviderBrowser();
            HttpResponse<String> r = browser.get(browser.authorize(begin(browser, url), "nobody-here", callback(url)));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("there is no Vigil user 'nobody-here'");
            assertThat(strict.app().tenancy().users().find("nobody-here")).isEmpty();

            ProviderBrowser known = new ProviderBrowser();
            HttpResponse<String> ok = known.get(known.authorize(begin(known, url), "viewer", callback(url)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
            JsonNode me = JSON.readTree(known.get(url + "api/me").body());
            assertThat(me.path("username").asText()).isEqualTo("viewer");
            assertThat(me.path("role").asText())
                    .as("the role follows the claims")
                    .isEqualTo("admin");

            ProviderBrowser totp = new ProviderBrowser();
            HttpResponse<String> refused = totp.get(totp.authorize(begin(totp, url), "operator", callback(url)));
            assertThat(refused.statusCode())
                    .as("with --sso-skip-totp=false a role that must use TOTP cannot use SSO")
                    .isEqualTo(403);
            assertThat(refused.body()).contains("must sign in with a password and a one-time code");
        }
    }

    @Test
    void anIdTokenForAnotherAudienceOrIssuer_expiredOrTampered_isRefused() throws Exception {
        String redirect = "http://127.0.0.1:9/direct-callback";
        provider.register("vigil-direct", secret("vigil-direct"), redirect);
        Clock clock = Clock.systemUTC();
        OidcProvider op = new OidcProvider(provider.issuer(), clock);
        PendingSignIns.Pending p = PendingSignIns.Pending.fresh(clock.instant());
        String authorize = op.metadata().authorizationEndpoint() + "?response_type=code&client_id=vigil-direct"
                + "&redirect_uri=" + redirect + "&scope=openid&state=" + p.state() + "&nonce=" + p.nonce()
                + "&code_challenge=" + p.challenge() + "&code_challenge_method=S256";
        String back = new ProviderBrowser().authorize(authorize, "carol", redirect);
        String code = URLDecoder.decode(back.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String idToken = op.redeem(code, p.verifier(), redirect, "vigil-direct", secret("vigil-direct"));

        assertThat(new IdTokens(op, provider.issuer(), "vigil-direct", clock)
                        .check(idToken, p.nonce())
                        .getSubject())
                .isEqualTo("carol");
        assertThatThrownBy(() -> new IdTokens(op, provider.issuer(), "vigil", clock).check(idToken, p.nonce()))
                .hasMessageContaining("audience");
        assertThatThrownBy(
                        () -> new IdTokens(op, "http://localhost:9", "vigil-direct", clock).check(idToken, p.nonce()))
                .hasMessageContaining("iss");
        assertThatThrownBy(() ->
                        new IdTokens(op, provider.issuer(), "vigil-direct", clock).check(idToken, "another-sign-in"))
                .hasMessageContaining("nonce")
                .as("the page does not show the nonce the sign-in expected")
                .hasMessageNotContaining("another-sign-in");
        Clock later = Clock.offset(clock, Duration.ofHours(2));
        assertThatThrownBy(() -> new IdTokens(op, provider.issuer(), "vigil-direct", later).check(idToken, p.nonce()))
                .hasMessageContaining("Expired");
        Clock earlier = Clock.offset(clock, Duration.ofMinutes(-5));
        assertThatThrownBy(() -> new IdTokens(op, provider.issuer(), "vigil-direct", earlier).check(idToken, p.nonce()))
                .hasMessageContaining("iat");
        String[] parts = idToken.split("\\.");
        String claims = "{\"sub\":\"admin\",\"aud\":\"vigil-direct\",\"iss\":\"" + provider.issuer() + "\"}";
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThatThrownBy(() -> new IdTokens(op, provider.issuer(), "vigil-direct", clock).check(forged, p.nonce()))
                .hasMessageContaining("signature");
    }

    /** Each client its own secret (the provider refuses two clients with one). */
    static String secret(String clientId) {
        return clientId + "-client-secret";
    }

    /** Starts a sign-in at the collector; returns the authorization URL it redirects to. */
    static String begin(ProviderBrowser browser, String collectorUrl) {
        return ProviderBrowser.location(browser.get(collectorUrl + "api/sso/login"));
    }

    static String callback(String collectorUrl) {
        return collectorUrl.replaceAll("/$", "") + SsoConfig.CALLBACK_PATH;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
