package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import dev.vigil.collector.tenancy.Base32;
import dev.vigil.collector.tenancy.Totp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Two-factor sign-in in headless Chromium, with operators required to use it: the operator lands on the set-up page,
 * turns it on with a code computed from the shown key, gets recovery codes, reaches the sites; signing in again asks
 * for a code, refuses the already used one and takes a recovery code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoFactorBrowserTest {
    private LiveCollector collector;
    private Chromium chromium;
    private DashboardPage page;
    private SitePublisher site;

    @BeforeAll
    void start() {
        collector = LiveCollector.start(c -> c.withTotpRequiredRoles(List.of("operator")));
        site = collector.createSite("totp-site", List.of());
        site.status(true);
        chromium = Chromium.start(1280, 900);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (site != null) {
            site.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void requiredRole_setsUpTotpInTheBrowser_thenSignsInWithACodeOrRecoveryCode() {
        signIn("operator");
        page.waitFor(By.id("totp-required-note"));
        page.driver().findElement(By.id("totp-begin")).click();
        String secret = page.waitFor(By.id("totp-secret")).getText();
        String code = Totp.code(Base32.decode(secret), Totp.step(Instant.now()), Totp.DIGITS, "HmacSHA1");
        page.driver().findElement(By.id("totp-code")).sendKeys(code);
        page.driver().findElement(By.id("totp-confirm")).click();
        List<WebElement> codes = page.until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#recovery-codes li"));
            return items.size() == 10 ? items : null;
        });
        String recovery = codes.get(0).getText();
        chromium.screenshot("totp-recovery-codes");
        page.driver().findElement(By.id("totp-done")).click();
        page.waitFor(page.siteRow("totp-site"));
        page.until(d -> "live".equals(page.liveState()));

        page.driver().findElement(By.id("logout")).click();
        signIn("operator");
        page.until(d -> page.visible(By.id("login-code")));
        page.driver().findElement(By.id("login-code")).sendKeys(code);
        page.driver().findElement(By.id("login-submit")).click();
        page.until(d -> d.findElement(By.id("login-error")).getText().contains("Wrong or already used code"));
        page.driver().findElement(By.id("login-code")).sendKeys(recovery);
        page.driver().findElement(By.id("login-submit")).click();
        page.waitFor(page.siteRow("totp-site"));
        assertThat(page.visible(By.id("totp-required-note"))).isFalse();
    }

    private void signIn(String user) {
        page.driver().manage().deleteAllCookies();
        page.open("");
        page.waitFor(By.id("login-username")).sendKeys(user);
        page.driver().findElement(By.id("login-password")).sendKeys(LiveCollector.password(user));
        page.driver().findElement(By.id("login-submit")).click();
    }
}
