package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The Audit page in headless Chromium under the collector's Content-Security-Policy, against the real collector: the
 * admin sees sign-ins and the site created, filters by kind, downloads the same filter as CSV; a viewer sees only
 * entries about sites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageBrowserTest {
    private LiveCollector collector;
    private Chromium chromium;
    private DashboardPage page;

    @BeforeAll
    void start() throws Exception {
        collector = LiveCollector.start();
        collector.post("/api/sites", Map.of("site", "audit-site", "tags", List.of()));
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(collector.url() + "api/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"viewer\",\"password\":\"not-the-password\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        chromium = Chromium.start(1440, 900);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private List<WebElement> rows() {
        return page.driver().findElements(By.cssSelector("#audit-list tr[data-audit]"));
    }

    @Test
    void admin_seesFiltersAndDownloadsCsv() {
        page.loginAs("admin");
        page.go("#/audit");
        page.until(d -> rows().stream().anyMatch(r -> "site.created".equals(r.getAttribute("data-kind"))));
        assertThat(page.driver().findElement(By.cssSelector("[data-nav=audit]")).getAttribute("aria-current"))
                .isEqualTo("page");
        WebElement site = rows().stream()
                .filter(r -> "site.created".equals(r.getAttribute("data-kind")))
                .findFirst()
                .orElseThrow();
        assertThat(site.getText()).contains("admin", "audit-site", "ok");
        chromium.screenshot("audit-01-all");

        new Select(page.driver().findElement(By.id("audit-kind"))).selectByValue("login.");
        page.until(d -> !rows().isEmpty()
                && rows().stream().allMatch(r -> r.getAttribute("data-kind").startsWith("login.")));
        assertThat(rows())
                .anyMatch(r -> "login.failed".equals(r.getAttribute("data-kind"))
                        && r.getText().contains("viewer")
                        && r.getText().contains("denied"));
        String href = page.driver().findElement(By.id("audit-csv")).getAttribute("href");
        assertThat(href).contains("api/audit.csv?kind=login.");
        Object csv = page.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text())"
                                + ".then(t => done(t.replaceAll('\\r', '<CR>')), e => done('failed ' + e));",
                        href);
        assertThat((String) csv)
                .startsWith("id,time,kind,actor,site,customer,outcome,summary,source,details<CR>\n")
                .contains("login.failed,viewer")
                .doesNotContain("site.created");
        assertThat(page.driver().getPageSource()).doesNotContain(LiveCollector.password("viewer"));
        chromium.screenshot("audit-02-sign-ins");
    }

    @Test
    void viewer_seesOnlyEntriesAboutSites() {
        page.loginAs("viewer");
        page.go("#/audit");
        page.until(d -> !rows().isEmpty());
        assertThat(rows()).allMatch(r -> r.getText().contains("audit-site"));
        assertThat(page.driver().findElement(By.id("audit-list")).getText()).doesNotContain("login.");
    }
}
