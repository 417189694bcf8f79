package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The accounts page in headless Chromium, under the collector's Content-Security-Policy: an admin creates a customer
 * whose name is hostile HTML and a user of that customer; the name shows as text, never as markup; the new user sees
 * only the customer's site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsBrowserTest {
    private static final String HOSTILE = "<img src=x onerror=\"window.__vigilXss=4\"> O'Neil & Co";

    private LiveCollector collector;
    private Chromium chromium;
    private DashboardPage page;
    private SitePublisher mine;
    private SitePublisher theirs;

    @BeforeAll
    void start() {
        collector = LiveCollector.start();
        mine = collector.createSite("own-site", List.of());
        theirs = collector.createSite("other-site", List.of());
        for (SitePublisher s : List.of(mine, theirs)) {
            s.status(true);
            s.state(SiteStates.pair(SiteStates.ROUTER_A, "up", "up"));
        }
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
    }

    @Test
    void accountsPage_adminCreatesHostileCustomerAndItsUser_shownAsText_andTheUserSeesOnlyItsSite() {
        page.loginAs("admin");
        page.until(d -> page.visible(By.id("nav-accounts")));
        page.go("#/accounts");
        page.waitFor(By.id("customer-name")).sendKeys(HOSTILE);
        page.driver().findElement(By.id("customer-create")).click();
        WebElement name = page.until(d -> d.findElements(By.cssSelector("#customer-rows .customer-name")).stream()
                .filter(e -> e.getText().equals(HOSTILE))
                .findFirst()
                .orElse(null));
        assertThat(name.findElements(By.tagName("img"))).isEmpty();
        assertThat(page.driver().executeScript("return window.__vigilXss")).isNull();

        collector.post("/api/customers", Map.of("name", "Plain"));
        collector.post("/api/customers", Map.of("name", "Other"));
        page.driver().navigate().refresh();
        page.waitFor(By.id("user-username")).sendKeys("alpha-viewer");
        page.driver().findElement(By.id("user-password")).sendKeys(LiveCollector.password("alpha-viewer"));
        new Select(page.driver().findElement(By.id("user-role-select"))).selectByValue("viewer");
        page.until(d ->
                new Select(d.findElement(By.id("user-customer"))).getOptions().size() == 4);
        new Select(page.driver().findElement(By.id("user-customer"))).selectByValue(HOSTILE);
        page.driver().findElement(By.id("user-create")).click();
        page.until(d -> d.findElements(By.cssSelector("#user-rows tr")).stream()
                .anyMatch(
                        r -> r.getText().contains("alpha-viewer") && r.getText().contains(HOSTILE)));
        assertThat(page.driver().executeScript("return window.__vigilXss")).isNull();
        chromium.screenshot("accounts");

        putCustomer("own-site", HOSTILE);
        putCustomer("other-site", "Other");
        page.loginAs("alpha-viewer");
        page.waitFor(page.siteRow("own-site"));
        assertThat(page.driver().findElements(page.siteRow("other-site"))).isEmpty();
        assertThat(page.visible(By.id("nav-accounts"))).isFalse();
    }

    private void putCustomer(String site, String customer) {
        assertThat(collector.app().tenancy().customers().assignSite(site, customer))
                .isTrue();
    }
}
