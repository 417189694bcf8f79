package dev.vigil.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oversized bodies and a stream of unauthenticated calls: clean 413/401 answers, and the API keeps serving. */
class HostileApiCallsTest {
    private static final String BIG_JSON = "{\"username\":\"" + "a".repeat(200 * 1024) + "\",\"password\":\"x\"}";

    private static RunningCollector collector;

    @BeforeAll
    static void start() {
        collector = new RunningCollector();
        collector.addSite("acme");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void post_oversizedBody_is413WithReason_andLoginStillWorks() {
        ApiClient anonymous = new ApiClient(collector.httpPort());
        for (String path : new String[] {"/api/login", "/api/sites"}) {
            ApiClient.Reply r = anonymous.post(path, BIG_JSON);
            assertThat(r.status()).as(path).isEqualTo(413);
            assertThat(r.json().get("error").asText()).isEqualTo("request body too large");
        }
        assertThat(collector.admin().get("/api/sites").status()).isEqualTo(200);
    }

    @Test
    void anonymous_manyCalls_allAre401_andNothingIsCreated() {
        ApiClient anonymous = new ApiClient(collector.httpPort());
        for (int i = 0; i < 150; i++) {
            assertThat(anonymous.get("/api/sites/acme/events?limit=100").status())
                    .isEqualTo(401);
            ApiClient.Reply r = anonymous.post("/api/sites", "{\"site\":\"intruder-" + i + "\"}");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("error").asText()).isEqualTo("not logged in");
        }
        ApiClient.Reply sites = collector.admin().get("/api/sites");
        assertThat(sites.status()).isEqualTo(200);
        assertThat(sites.body()).doesNotContain("intruder");
        assertThat(collector.app().stores().directory().sites())
                .extracting(dev.vigil.collector.store.SiteRecord::site)
                .containsExactly("acme");
    }
}
