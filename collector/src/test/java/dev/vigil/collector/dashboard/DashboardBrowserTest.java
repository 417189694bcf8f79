package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in Debian's headless Chromium against the real collector: sites are created through the API and
 * their agents are played by Paho clients publishing over MQTT. One collector and one browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    private static final String XSS = "<img src=x onerror=\"window.__vigilXss=1\"><script>window.__vigilXss=2</script>";
    private static final String XSS_TAG = "<img src=x onerror=\"window.__vigilXss=3\">";

    private LiveCollector collector;
    private Chromium chromium;
    private DashboardPage page;
    private SitePublisher acme;
    private SitePublisher beta;
    private SitePublisher evil;
    private SitePublisher alerting;
    private final List<SitePublisher> others = new ArrayList<>();

    @BeforeAll
    void start() {
        collector = LiveCollector.start();
        acme = collector.createSite("acme-hq", List.of("acme"));
        beta = collector.createSite("beta-shop", List.of("beta"));
        evil = collector.createSite("evil-corp", List.of(XSS_TAG));
        alerting = collector.createSite("gamma-depot", List.of("gamma"));
        for (int i = 1; i <= 5; i++) {
            others.add(collector.createSite("branch-" + i, List.of("acme")));
        }
        for (SitePublisher s : allSites()) {
            s.status(true);
            s.state(SiteStates.pair(SiteStates.ROUTER_A, "up", "up"));
        }
        Instant now = Instant.now();
        for (int minute = 0; minute < 60; minute += 2) {
            acme.metrics(
                    now.minusSeconds((60 - minute) * 60L),
                    List.of(SiteStates.sample("wan1", minute), SiteStates.sample("wan2", minute)));
        }
        chromium = Chromium.start(1440, 900);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    private List<SitePublisher> allSites() {
        List<SitePublisher> all = new ArrayList<>(others);
        all.add(acme);
        all.add(beta);
        all.add(evil);
        all.add(alerting);
        return all;
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        allSites().stream().filter(s -> s != null).forEach(SitePublisher::close);
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void root_withoutSession_showsLoginForm() {
        page.driver().manage().deleteAllCookies();
        page.open("");
        page.waitFor(By.id("login-form"));
        assertThat(page.visible(By.id("topbar"))).isFalse();
        assertThat(page.driver()
                        .findElement(By.cssSelector("label[for=login-username]"))
                        .getText())
                .isEqualTo("Username");
        chromium.screenshot("01-login");
    }

    @Test
    void login_wrongPassword_saysSoAndStaysOnForm() {
        page.driver().manage().deleteAllCookies();
        page.open("");
        page.waitFor(By.id("login-username")).sendKeys("operator");
        page.driver().findElement(By.id("login-password")).sendKeys("not-the-password");
        page.driver().findElement(By.id("login-submit")).click();
        page.until(d -> d.findElement(By.id("login-error")).getText().contains("Wrong username or password"));
        assertThat(page.visible(By.id("topbar"))).isFalse();
    }

    @Test
    void overview_afterLogin_listsEverySiteTheCollectorKnows() {
        page.loginAs("operator");
        JsonNode known = collector.get("/api/sites").path("sites");
        page.until(d -> d.findElements(By.cssSelector("[data-site]")).size() == known.size());
        for (JsonNode s : known) {
            WebElement row =
                    page.driver().findElement(page.siteRow(s.path("site").asText()));
            assertThat(row.getText()).contains(s.path("site").asText());
        }
        assertThat(page.driver().findElement(By.id("live")).getText()).isEqualTo("Live");
        assertThat(page.driver().findElement(By.id("user-role")).getText()).isEqualTo("operator");
        chromium.screenshot("02-overview");
    }

    @Test
    void overviewFilters_searchTagAndStatus_narrowTheList() {
        page.loginAs("viewer");
        page.waitFor(page.siteRow("acme-hq"));
        page.driver().findElement(By.id("site-search")).sendKeys("branch-");
        page.until(d -> visibleSites().equals(List.of("branch-1", "branch-2", "branch-3", "branch-4", "branch-5")));
        page.driver()
                .executeScript("const s = document.getElementById('site-search');"
                        + " s.value = ''; s.dispatchEvent(new Event('input'))");
        new Select(page.driver().findElement(By.id("tag-filter"))).selectByValue("gamma");
        page.until(d -> visibleSites().equals(List.of("gamma-depot")));
        new Select(page.driver().findElement(By.id("tag-filter"))).selectByValue("");
        new Select(page.driver().findElement(By.id("status-filter"))).selectByValue("unknown");
        page.until(d -> page.driver().findElement(By.id("site-rows")).getText().contains("No site matches"));
        new Select(page.driver().findElement(By.id("status-filter"))).selectByValue("");
    }

    @SuppressWarnings("unchecked")
    private List<Object> visibleSites() {
        return (List<Object>) page.driver()
                .executeScript("return [...document.querySelectorAll('[data-site]')].map(e => e.dataset.site)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mqttEvent_whileOverviewOpen_updatesSiteRowWithoutReload() {
        page.loginAs("operator");
        page.waitFor(page.siteRow("beta-shop"));
        page.markNoReload();

        beta.event(
                "wan.down",
                "critical",
                "wan/wan1",
                Map.of(
                        "wan",
                        "wan1",
                        "state",
                        "down",
                        "previous",
                        "up",
                        "loss_pct",
                        100.0,
                        "reason",
                        "all targets lost"));

        page.until(d -> d.findElement(page.siteRow("beta-shop")).getText().contains("Degraded"));
        page.until(d -> d.findElement(page.siteRow("beta-shop")).getText().contains("1 open"));
        assertThat(page.stillSamePage()).isTrue();
        // worst first: the degraded site now sorts above the healthy ones
        Object order = page.driver()
                .executeScript("return [...document.querySelectorAll('[data-site]')].map(e => e.dataset.site)");
        assertThat((List<Object>) order).containsSubsequence("beta-shop", "branch-1");
        chromium.screenshot("03-overview-live-update");
    }

    @Test
    void failover_whileSitePageOpen_showsOnTimelineWithDurationAndCause() {
        page.loginAs("operator");
        page.go("#/sites/acme-hq");
        page.waitFor(By.cssSelector("svg.pair"));
        page.markNoReload();

        acme.event(
                "vrrp.master_changed",
                "warning",
                "vrrp/eth0/IPv4/10",
                SiteStates.failover(SiteStates.ROUTER_A, SiteStates.ROUTER_B, 3140, "silence"));
        acme.state(SiteStates.pair(SiteStates.ROUTER_B, "up", "up"));
        acme.event(
                "action.executed",
                "warning",
                "router/router-b",
                Map.of(
                        "rule",
                        "nat-follows-master",
                        "router",
                        "router-b",
                        "action",
                        "enable_nat",
                        "target",
                        "masquerade-wan2",
                        "before",
                        "disabled",
                        "after",
                        "enabled",
                        "dry_run",
                        false));

        WebElement failover = page.waitFor(By.cssSelector(".tl-item[data-type='vrrp.master_changed']"));
        assertThat(failover.getText())
                .contains("192.0.2.11 → 192.0.2.12")
                .contains("3.1 s")
                .contains("silence");
        WebElement action = page.waitFor(By.cssSelector(".tl-item[data-type='action.executed']"));
        assertThat(action.getText()).contains("disabled → enabled");
        page.until(d ->
                d.findElement(By.cssSelector(".pair .role-master")).getText().contains("router-b"));
        page.until(d -> d.findElement(By.id("site-head")).getText().contains("Failed over"));
        assertThat(page.driver().findElements(By.cssSelector(".wan-card .chart-rtt path")))
                .hasSize(2);
        assertThat(page.stillSamePage()).isTrue();
        chromium.screenshotFullPage("04-site-after-failover");
    }

    @Test
    void timeline_olderEventsAndTypeFilter_pageThroughAndNarrow() {
        try (SitePublisher lab = collector.createSite("delta-lab", List.of("delta"))) {
            for (int i = 0; i < 55; i++) {
                lab.event(
                        "vrrp.priority_changed",
                        "info",
                        "vrrp/eth0/IPv4/10",
                        Map.of("source", SiteStates.ROUTER_B, "priority", 100 + i, "previous_priority", 99 + i));
            }
            lab.event(
                    "wan.degraded",
                    "warning",
                    "wan/wan1",
                    Map.of(
                            "wan",
                            "wan1",
                            "state",
                            "degraded",
                            "previous",
                            "up",
                            "loss_pct",
                            12.0,
                            "rtt_ms",
                            80.0,
                            "reason",
                            "loss above 10 %"));
            page.loginAs("viewer");
            page.go("#/sites/delta-lab");
            page.until(d -> d.findElements(By.cssSelector(".tl-item")).size() == 50);
            page.waitFor(By.id("tl-older")).click();
            page.until(d -> d.findElements(By.cssSelector(".tl-item")).size() == 56);
            assertThat(page.visible(By.id("tl-older"))).isFalse();
            new Select(page.driver().findElement(By.id("tl-type"))).selectByValue("wan.*");
            page.until(d -> d.findElements(By.cssSelector(".tl-item")).size() == 1);
            assertThat(page.driver().findElement(By.cssSelector(".tl-item")).getText())
                    .contains("WAN wan1 degraded")
                    .contains("loss above 10 %");
        }
    }

    @Test
    void acknowledge_asOperator_marksAlertAcknowledged() {
        String title = openAlertFor(alerting, "wan/wan1", "wan1");
        page.loginAs("operator");
        page.go("#/alerts");
        alertItem(title);
        chromium.screenshot("05-alerts-operator");
        page.until(d -> {
            alertItem(title).findElement(By.cssSelector("button[data-ack]")).click();
            return true;
        });
        page.until(d -> alertItem(title).getText().contains("Acknowledged by operator"));
        assertThat(alertItem(title).findElements(By.cssSelector("button[data-ack]")))
                .isEmpty();
        page.until(d -> "acknowledged".equals(alertJson(title).path("state").asText()));
    }

    @Test
    void acknowledge_asViewer_offersNoButtonAndCollectorRefuses() {
        String title = openAlertFor(alerting, "wan/wan2", "wan2");
        page.loginAs("viewer");
        page.go("#/alerts");
        page.until(d -> alertItem(title)
                .findElements(By.cssSelector("button[data-ack]"))
                .isEmpty());
        assertThat(page.driver().findElement(By.cssSelector(".alerts-page")).getText())
                .contains("read-only");
        Object status = page.driver()
                .executeAsyncScript(
                        "const done = arguments[1];"
                                + "fetch('api/alerts/' + encodeURIComponent(arguments[0]) + '/ack', {method: 'POST'})"
                                + ".then(r => done(r.status), e => done(String(e)))",
                        alertJson(title).path("id").asText());
        assertThat(status).isEqualTo(403L);
        assertThat(alertJson(title).path("state").asText()).isEqualTo("open");
        chromium.screenshot("06-alerts-viewer");
    }

    @Test
    void htmlInTagsAndEventFields_isShownAsTextNeverRun() {
        evil.event(
                "router.unreachable",
                "critical",
                "router/router-a",
                Map.of("router", "router-a", "address", "192.0.2.11", "error", XSS));
        page.loginAs("operator");
        page.until(d -> d.findElement(page.siteRow("evil-corp")).getText().contains("<img src=x"));
        page.go("#/sites/evil-corp");
        WebElement event = page.waitFor(By.cssSelector(".tl-item[data-type='router.unreachable']"));
        assertThat(event.getText()).contains("<script>window.__vigilXss=2</script>");
        page.go("#/alerts");
        page.until(d -> d.findElement(By.id("alert-list")).getText().contains("<script>"));
        assertThat(page.driver().findElements(By.cssSelector("main img, main script")))
                .isEmpty();
        assertThat(page.driver().executeScript("return window.__vigilXss === undefined"))
                .isEqualTo(true);
        chromium.screenshot("07-alerts-with-html-as-text");
    }

    @Test
    void apiError_unknownSite_showsReadableMessage() {
        page.loginAs("viewer");
        page.go("#/sites/no-such-site");
        WebElement error = page.waitFor(By.id("site-error"));
        assertThat(error.getText()).startsWith("Could not load the site:").contains("HTTP 404");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        chromium.screenshot("08-api-error");
    }

    @Test
    void logoutInAnotherTab_sendsThisTabBackToLogin() {
        page.loginAs("operator");
        String first = page.driver().getWindowHandle();
        page.driver().switchTo().newWindow(WindowType.TAB);
        page.open("#/alerts");
        page.waitFor(By.id("logout")).click();
        page.waitFor(By.id("login-form"));
        page.driver().close();
        page.driver().switchTo().window(first);
        page.waitFor(By.id("login-form"));
        assertThat(page.visible(By.id("topbar"))).isFalse();
    }

    @Test
    void expiredSession_nextRequest_returnsToLogin() {
        page.loginAs("operator");
        page.waitFor(page.siteRow("acme-hq"));
        page.driver().manage().deleteCookieNamed("vigil_session");
        page.go("#/alerts");
        WebElement note = page.waitFor(By.cssSelector(".login-note"));
        assertThat(note.getText()).contains("session has ended");
    }

    @Test
    void phoneAndWallScreen_pagesFitWithoutSidewaysScrolling() {
        page.loginAs("operator");
        Dimension normal = page.driver().manage().window().getSize();
        try {
            page.driver().manage().window().setSize(new Dimension(390, 844));
            page.waitFor(page.siteRow("acme-hq"));
            assertFits();
            chromium.screenshot("09-phone-overview");
            page.go("#/sites/acme-hq");
            page.waitFor(By.cssSelector("svg.pair"));
            assertFits();
            chromium.screenshotFullPage("10-phone-site");
            page.driver().manage().window().setSize(new Dimension(2560, 1440));
            page.go("#/sites");
            page.waitFor(page.siteRow("acme-hq"));
            assertFits();
            chromium.screenshot("11-wall-overview");
        } finally {
            page.driver().manage().window().setSize(normal);
        }
    }

    private void assertFits() {
        Object overflow = page.driver()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }

    private String openAlertFor(SitePublisher site, String subject, String wan) {
        site.event(
                "wan.down",
                "critical",
                subject,
                Map.of("wan", wan, "state", "down", "previous", "up", "loss_pct", 100.0, "reason", "probe timeout"));
        String wanned = " " + wan + " down";
        JsonNode alert = page.until(d -> {
            for (JsonNode a : collector.get("/api/alerts?state=open").path("alerts")) {
                String title = a.path("title").asText();
                if (a.path("site").asText().equals(site.site()) && title.endsWith(wanned)) {
                    return a;
                }
            }
            return null;
        });
        return alert.path("title").asText();
    }

    private JsonNode alertJson(String title) {
        for (String state : List.of("open", "acknowledged")) {
            for (JsonNode a : collector.get("/api/alerts?state=" + state).path("alerts")) {
                if (a.path("title").asText().equals(title)) {
                    return a;
                }
            }
        }
        return MissingNode.getInstance();
    }

    private WebElement alertItem(String title) {
        return page.until(d -> d.findElements(By.cssSelector(".alert-item")).stream()
                .filter(e -> e.getText().contains(title))
                .findFirst()
                .orElse(null));
    }
}
