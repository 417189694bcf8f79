package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.config.SsoConfig;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import dev.vigil.collector.tenancy.sso.SpringOidcProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Single sign-on in headless Chromium against a real OpenID Connect provider (Spring Authorization Server in this
 * JVM, on localhost: another site than the collector's 127.0.0.1): the dashboard's login page offers "Sign in with
 * …", the provider's own login form signs the person in, and the dashboard opens as that user with the role and
 * customer of the claims, showing only the customer's site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoBrowserTest {
    private SpringOidcProvider provider;
    private LiveCollector collector;
    private Chromium chromium;
    private DashboardPage page;
    private SitePublisher mine;
    private SitePublisher theirs;

    @BeforeAll
    void start() {
        provider = SpringOidcProvider.start(
                List.of(new SpringOidcProvider.Person("carol", List.of("staff", "vigil-viewers"), "Acme")));
        int port = freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        provider.register("vigil-browser", "vigil-browser-secret", publicUrl + SsoConfig.CALLBACK_PATH);
        collector = LiveCollector.start(c -> c.withPorts(0, port)
                .withPublicUrl(publicUrl)
                .withSso(new SsoConfig(
                        provider.issuer(),
                        "vigil-browser",
                        "vigil-browser-secret",
                        null,
                        null,
                        null,
                        "groups",
                        "vigil_customer",
                        Map.of("vigil-viewers", "viewer", "vigil-admins", "admin"),
                        true,
                        true,
                        "Acme ID")));
        collector.post("/api/customers", Map.of("name", "Acme"));
        mine = collector.createSite("acme-site", List.of());
        theirs = collector.createSite("other-site", List.of());
        for (SitePublisher s : List.of(mine, theirs)) {
            s.status(true);
            s.state(SiteStates.pair(SiteStates.ROUTER_A, "up", "up"));
        }
        assertThat(collector.app().tenancy().customers().assignSite("acme-site", "Acme"))
                .isTrue();
        chromium = Chromium.start(1280, 900);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        for (SitePublisher s : new SitePublisher[] {mine, theirs}) {
            if (s != null) {
                s.close();
            }
        }
        if (collector != null) {
            collector.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void signInWithTheProvider_opensTheDashboardAsTheMappedCustomerUser() {
        page.driver().manage().deleteAllCookies();
        page.open("");
        page.until(d -> page.visible(By.id("sso-login")));
        assertThat(page.driver().findElement(By.id("sso-login")).getText()).isEqualTo("Sign in with Acme ID");
        chromium.screenshot("sso-login-button");
        page.driver().findElement(By.id("sso-login")).click();

        page.until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        page.waitFor(By.id("username")).sendKeys("carol");
        page.driver().findElement(By.id("password")).sendKeys(SpringOidcProvider.PASSWORD);
        page.driver().findElement(By.cssSelector("button[type=submit]")).click();

        page.until(d -> d.getCurrentUrl().startsWith(collector.url()));
        page.waitFor(page.siteRow("acme-site"));
        page.until(d -> "live".equals(page.liveState()));
        assertThat(page.driver().findElements(page.siteRow("other-site"))).isEmpty();
        assertThat(page.visible(By.id("nav-accounts"))).isFalse();
        Cookie session = page.driver().manage().getCookieNamed("vigil_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(collector.app().tenancy().users().find("carol").orElseThrow())
                .satisfies(u -> {
                    assertThat(u.role()).isEqualTo("viewer");
                    assertThat(u.customer()).isEqualTo("Acme");
                });
        chromium.screenshot("sso-signed-in");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
