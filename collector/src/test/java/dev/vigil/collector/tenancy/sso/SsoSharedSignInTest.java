package dev.vigil.collector.tenancy.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.config.SsoConfig;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.testing.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two collectors behind one public URL on one PostgreSQL: a sign-in started on one finishes on the other (the
 * provider's redirect came back through the load balancer to the other one), and its state is used once on either,
 * also when both get the callback at the same time.
 */
class SsoSharedSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "vigil-shared";

    @Test
    void aSignInStartedOnOneCollector_finishesOnTheOther_once() throws IOException {
        try (PostgresServer postgres = new PostgresServer();
                SpringOidcProvider provider = SpringOidcProvider.start(
                        List.of(new SpringOidcProvider.Person("carol", List.of("vigil-ops"), null)))) {
            String db = postgres.newDatabase();
            int portA = SsoSignInTest.freePort();
            int portB = SsoSignInTest.freePort();
            String publicUrl = "http://127.0.0.1:" + portA;
            provider.register(CLIENT, SsoSignInTest.secret(CLIENT), publicUrl + SsoConfig.CALLBACK_PATH);
            SsoConfig sso = SsoSignInTest.config(provider.issuer(), CLIENT, true, true);
            try (LiveCollector a = LiveCollector.start(c -> c.withDb(db, "vigil", "")
                            .withPorts(0, portA)
                            .withPublicUrl(publicUrl)
                            .withSso(sso));
                    LiveCollector b = LiveCollector.start(c -> c.withDb(db, "vigil", "")
                            .withPorts(0, portB)
                            .withPublicUrl(publicUrl)
                            .withSso(sso))) {
                ProviderBrowser browser = new ProviderBrowser();
                String start = SsoSignInTest.begin(browser, a.url());
                String binding = browser.cookie(a.url() + "api/sso/", "vigil_sso");
                assertThat(binding).isNotNull();
                String backToA = browser.authorize(start, "carol", SsoSignInTest.callback(a.url()));
                String backToB = onB(backToA, a, b);

                HttpResponse<String> signedIn = browser.get(backToB);
                assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
                assertThat(ProviderBrowser.location(signedIn)).isEqualTo(b.url());
                JsonNode me = JSON.readTree(browser.get(b.url() + "api/me").body());
                assertThat(me.path("username").asText()).isEqualTo("carol");
                assertThat(me.path("role").asText()).isEqualTo("operator");

                for (String replay : List.of(backToA, backToB)) {
                    HttpResponse<String> again = callback(replay, binding).join();
                    assertThat(again.statusCode()).as(replay).isEqualTo(400);
                    assertThat(again.body()).contains("unknown, used already");
                }

                ProviderBrowser racer = new ProviderBrowser();
                String raceStart = SsoSignInTest.begin(racer, b.url());
                String raceBinding = racer.cookie(b.url() + "api/sso/", "vigil_sso");
                String raceToA = racer.authorize(raceStart, "carol", SsoSignInTest.callback(a.url()));
                CompletableFuture<HttpResponse<String>> onA = callback(raceToA, raceBinding);
                CompletableFuture<HttpResponse<String>> onB = callback(onB(raceToA, a, b), raceBinding);
                assertThat(List.of(onA.join().statusCode(), onB.join().statusCode()))
                        .as("one state, two collectors at once: one sign-in")
                        .containsExactlyInAnyOrder(302, 400);
            }
        }
    }

    private static String onB(String callbackOnA, LiveCollector a, LiveCollector b) {
        assertThat(callbackOnA).startsWith(a.url());
        return b.url() + callbackOnA.substring(a.url().length());
    }

    /** The callback as a browser holding the binding cookie sends it, and nothing else. */
    private static CompletableFuture<HttpResponse<String>> callback(String url, String binding) {
        return HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Cookie", "vigil_sso=" + binding)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
