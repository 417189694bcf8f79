package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.testing.RecordingHttpServer;
import dev.vigil.collector.testing.RecordingHttpServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Channels and Deliveries pages in headless Chromium against a real collector and an ntfy stand-in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsPageBrowserTest {
    private static final String TOKEN = "tk_BrowserSecretToken123";

    private LiveCollector collector;
    private RecordingHttpServer ntfy;
    private Chromium chromium;
    private DashboardPage page;

    @BeforeAll
    void start() {
        collector = LiveCollector.start();
        ntfy = new RecordingHttpServer();
        chromium = Chromium.start(1440, 900);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (ntfy != null) {
            ntfy.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private String ntfyUrl(String topic) {
        return "ntfy://" + TOKEN + "@127.0.0.1:" + ntfy.port() + "/" + topic;
    }

    private WebElement row(String name) {
        return page.until(d -> d.findElements(By.cssSelector("#channel-list tr[data-channel]")).stream()
                .filter(r -> r.findElement(By.className("c-name")).getText().equals(name))
                .findFirst()
                .orElse(null));
    }

    @Test
    void channels_addTestAndSeeDelivery_showsMaskedUrlAndTheServiceReply() {
        page.loginAs("admin");
        page.go("#/channels");
        page.waitFor(By.id("channel-name")).sendKeys("oncall-phone");
        page.driver().findElement(By.id("channel-url")).sendKeys(ntfyUrl("acme-oncall"));
        page.driver().findElement(By.id("channel-add")).click();

        WebElement row = row("oncall-phone");
        assertThat(row.findElement(By.className("c-url")).getText())
                .isEqualTo("ntfy://****@127.0.0.1:" + ntfy.port() + "/acme-oncall");
        assertThat(page.driver().getPageSource()).doesNotContain(TOKEN);

        row.findElement(By.cssSelector("[data-test]")).click();
        page.until(d -> row("oncall-phone")
                .findElement(By.className("test-result"))
                .getText()
                .equals("Delivered: HTTP 200 {\"id\":\"m1\"}"));
        assertThat(row("oncall-phone").findElement(By.className("health")).getText())
                .isEqualTo("ok");
        chromium.screenshot("channels-01-tested");

        page.go("#/deliveries");
        WebElement delivery = page.waitFor(By.cssSelector("#delivery-list tr[data-delivery]"));
        assertThat(delivery.getText()).contains("oncall-phone", "test", "delivered", "HTTP 200");
        chromium.screenshot("channels-02-deliveries");
    }

    @Test
    void channels_badUrl_showsWhyAndAddsNothing() {
        page.loginAs("admin");
        page.go("#/channels");
        page.waitFor(By.id("channel-name")).sendKeys("bad");
        page.driver().findElement(By.id("channel-url")).sendKeys("slack://T000/B000");
        page.driver().findElement(By.id("channel-add")).click();

        page.until(d -> page.visible(By.id("channel-form-error")));
        assertThat(page.driver().findElement(By.id("channel-form-error")).getText())
                .contains("url: unknown scheme 'slack://'")
                .contains("HTTP 400");
        assertThat(page.driver().findElements(By.cssSelector("#channel-list tr[data-channel]")).stream()
                        .map(r -> r.findElement(By.className("c-name")).getText()))
                .doesNotContain("bad");
    }

    @Test
    void channelHealth_channelKeepsFailing_bannerOnEveryPageNamesIt() {
        JsonNode ch = collector.post("/api/channels", Map.of("name", "dead-hook", "url", ntfyUrl("dead")));
        String id = ch.path("id").asText();
        for (int i = 0; i < 5; i++) {
            ntfy.thenReply(Reply.of(403, "{\"error\":\"forbidden\"}"));
            JsonNode r = collector.post("/api/channels/" + id + "/test", Map.of());
            assertThat(r.path("delivered").asBoolean()).isFalse();
        }

        page.loginAs("viewer");
        page.until(d -> page.visible(By.id("channel-banner")));
        assertThat(page.driver().findElement(By.id("channel-banner")).getText())
                .contains("dead-hook")
                .contains("HTTP 403");
        page.go("#/alerts");
        assertThat(page.visible(By.id("channel-banner"))).isTrue();
        chromium.screenshot("channels-03-failing-banner");

        collector.post("/api/channels/" + id + "/test", Map.of());
        page.go("#/channels");
        page.until(d ->
                row("dead-hook").findElement(By.className("health")).getText().equals("ok"));
    }

    @Test
    void channelsAndDeliveries_onAPhone_fitWithoutSidewaysScrolling() {
        collector.post("/api/channels", Map.of("name", "phone-fit", "url", ntfyUrl("a-rather-long-topic-name")));
        page.loginAs("admin");
        org.openqa.selenium.Dimension normal = page.driver().manage().window().getSize();
        try {
            page.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            page.go("#/channels");
            row("phone-fit");
            assertFits();
            chromium.screenshotFullPage("channels-04-phone");
            page.go("#/deliveries");
            page.waitFor(By.id("delivery-list"));
            assertFits();
        } finally {
            page.driver().manage().window().setSize(normal);
        }
    }

    private void assertFits() {
        Object overflow = page.driver()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
    }

    @Test
    void channels_asViewer_noFormNoDelete() {
        collector.post("/api/channels", Map.of("name", "viewer-sees", "url", ntfyUrl("viewer")));
        page.loginAs("viewer");
        page.go("#/channels");
        WebElement row = row("viewer-sees");
        assertThat(page.driver().findElements(By.id("channel-form"))).isEmpty();
        assertThat(row.findElements(By.cssSelector("[data-delete]"))).isEmpty();
        assertThat(row.findElements(By.cssSelector("[data-test]"))).isEmpty();
    }

    @Test
    void channels_delete_removesTheRow() {
        collector.post("/api/channels", Map.of("name", "to-delete", "url", ntfyUrl("gone")));
        page.loginAs("admin");
        page.go("#/channels");
        row("to-delete").findElement(By.cssSelector("[data-delete]")).click();
        page.until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });

        page.until(d -> d.findElements(By.cssSelector("#channel-list tr[data-channel]")).stream()
                .noneMatch(r -> r.getText().contains("to-delete")));
        assertThat(collector.get("/api/channels").toString()).doesNotContain("to-delete");
    }
}
