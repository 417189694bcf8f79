package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.MockCollector;
import dev.vigil.collector.dashboard.testing.MockData;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

class DashboardPreviewTest {
    @Test
    void preview() {
        MockData data = MockData.generated(60);
        data.putSite(MockData.site("acme-hq", List.of("acme", "<img src=x onerror=alert(1)>"), "failed_over", Instant.now()));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", "a1"); alert.put("site", "acme-hq"); alert.put("rule", "failover"); alert.put("severity", "warning");
        alert.put("state", "open"); alert.put("title", "acme-hq failed over <script>alert(1)</script>");
        alert.put("body", "Master moved from router-a to router-b after 3.1 s of silence");
        alert.put("opened_at", Instant.now().minusSeconds(300).toString()); alert.put("updated_at", Instant.now().minusSeconds(300).toString());
        data.addAlert(alert);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("id", "01JDAAAAAAAAAAAAAAAAAAAAAA"); ev.put("site", "acme-hq"); ev.put("seq", 5); ev.put("time", Instant.now().minusSeconds(300).toString());
        ev.put("type", "vrrp.master_changed"); ev.put("severity", "warning"); ev.put("subject", "vrrp/eth0/IPv4/10");
        ev.put("data", Map.of("master", "192.0.2.12", "previous", "192.0.2.11", "cause", "silence", "gap_ms", 3140, "priority", 100, "previous_priority", 200));
        data.addEvent(ev);
        Map<String, Object> ev2 = new LinkedHashMap<>(ev);
        ev2.put("id", "01JDAAAAAAAAAAAAAAAAAAAAAB"); ev2.put("type", "action.executed"); ev2.put("subject", "router/router-b");
        ev2.put("data", Map.of("rule", "nat-follow", "router", "router-b", "action", "enable_nat", "target", "masq-wan2", "before", "disabled", "after", "enabled", "dry_run", false));
        data.addEvent(ev2);
        try (MockCollector mock = new MockCollector(data); Chromium chrome = Chromium.start(1400, 900)) {
            var d = chrome.driver();
            d.get(mock.url());
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(10));
            wait.until(x -> !x.findElements(By.id("login-username")).isEmpty());
            chrome.screenshot("preview-login");
            d.findElement(By.id("login-username")).sendKeys("operator");
            d.findElement(By.id("login-password")).sendKeys("operator-pw");
            d.findElement(By.id("login-submit")).click();
            wait.until(x -> x.findElements(By.cssSelector("[data-site]")).size() > 10);
            chrome.screenshot("preview-overview");
            d.get(mock.url() + "#/sites/acme-hq");
            wait.until(x -> !x.findElements(By.cssSelector(".tl-item")).isEmpty());
            chrome.screenshotFullPage("preview-site");
            d.get(mock.url() + "#/alerts");
            wait.until(x -> !x.findElements(By.cssSelector(".alert-item")).isEmpty());
            chrome.screenshot("preview-alerts");
            d.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            d.get(mock.url() + "#/sites");
            wait.until(x -> x.findElements(By.cssSelector("[data-site]")).size() > 10);
            chrome.screenshot("preview-phone-overview");
            d.get(mock.url() + "#/sites/acme-hq");
            wait.until(x -> !x.findElements(By.cssSelector(".tl-item")).isEmpty());
            chrome.screenshotFullPage("preview-phone-site");
            assertThat(d.getPageSource()).doesNotContain("<script>alert");
        }
    }
}
