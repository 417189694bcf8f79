package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.notify.testing.RecordingChannels;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Notifications page (routing rules, maintenance windows, snoozes, muted alerts, maintenance log) in Debian's
 * headless Chromium against the real collector with a recording channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyPagesBrowserTest {
    private static final String PUBLIC_URL = "https://vigil.example.net";
    private final RecordingChannels channels = new RecordingChannels().add("oncall", "ntfy");
    private RunningCollector collector;
    private Chromium chromium;
    private DashboardPage page;
    private MqttClient agent;

    @BeforeAll
    void start() throws Exception {
        collector = new RunningCollector(c -> c.withPublicUrl(PUBLIC_URL), channels.setup());
        collector.addUser("chief", Role.ADMIN, LiveCollector.password("chief"));
        collector.addUser("viewer", Role.VIEWER, LiveCollector.password("viewer"));
        agent = collector.connect("shop-agent", "shop", collector.addSite("shop", "retail"));
        var msp = collector.admin();
        assertThat(msp.post("/api/customers", "{\"name\":\"Shopco\"}").status()).isEqualTo(201);
        assertThat(msp.put("/api/sites/shop/customer", "{\"customer\":\"Shopco\"}")
                        .status())
                .isEqualTo(200);
        assertThat(msp.post(
                                "/api/users",
                                "{\"username\":\"shopco-op\",\"password\":\"" + LiveCollector.password("shopco-op")
                                        + "\",\"role\":\"operator\",\"customer\":\"Shopco\"}")
                        .status())
                .isEqualTo(201);
        agent.publish("vigil/v1/sites/shop/status", Payloads.status("shop", SiteStatus.ONLINE), 1, true);
        chromium = Chromium.start(1440, 900);
        page = new DashboardPage(chromium.driver(), "http://127.0.0.1:" + collector.httpPort() + "/");
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (agent != null) {
            agent.disconnect();
        }
        collector.close();
    }

    private void type(String id, String text) {
        page.driver().findElement(By.id(id)).clear();
        page.driver().findElement(By.id(id)).sendKeys(text);
    }

    private void setValue(String id, String value) {
        page.driver().executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }

    private String text(String id) {
        return page.driver().findElement(By.id(id)).getText();
    }

    @Test
    void rules_adminAddsAndDeletesARule_tableFollows() {
        page.loginAs("chief");
        page.go("#/notify");
        page.waitFor(By.id("rules-default"));

        type("rule-channels", "nope");
        page.driver().findElement(By.id("rule-add")).click();
        page.until(d -> text("rule-error").contains("no channel with id 'nope'"));

        new Select(page.driver().findElement(By.id("rule-kind"))).selectByValue("wan_down");
        type("rule-tag", "retail");
        type("rule-channels", "oncall");
        type("rule-repeat", "10");
        page.driver().findElement(By.id("rule-add")).click();
        page.waitFor(By.cssSelector("[data-rule]"));
        assertThat(text("rules-rows")).contains("tag retail", "wan_down", "oncall", "10 min");
        assertThat(page.visible(By.id("rules-default"))).isFalse();
        chromium.screenshot("notify-01-rules");

        page.driver().findElement(By.cssSelector("[data-delete-rule]")).click();
        page.waitFor(By.id("rules-default"));
        assertThat(page.driver().findElements(By.cssSelector("[data-rule]"))).isEmpty();
    }

    @Test
    void maintenance_pastWindowBadWindowAndSnooze_listedLoggedAndMuting() throws Exception {
        page.loginAs("chief");
        page.go("#/notify");
        page.waitFor(By.id("window-form"));

        type("win-targets", "shop");
        setValue("win-from", "2026-01-05T10:00");
        setValue("win-to", "2026-01-05T09:00");
        page.driver().findElement(By.id("win-add")).click();
        page.until(d -> text("window-error").contains("to must be after from"));

        setValue("win-to", "2026-01-05T12:00");
        type("win-reason", "power cut, marked afterwards");
        page.driver().findElement(By.id("win-add")).click();
        page.until(d -> text("window-rows").contains("power cut, marked afterwards"));

        type("snooze-site", "shop");
        new Select(page.driver().findElement(By.id("snooze-for"))).selectByValue("4h");
        page.driver().findElement(By.id("snooze-add")).click();
        page.until(d ->
                text("window-rows").contains("snooze") && text("window-rows").contains("active"));
        page.until(d -> text("maint-log").contains("created"));

        agent.publish("vigil/v1/sites/shop/events", Payloads.wanDown("shop", "wan1"), 1, false);
        page.until(d -> {
            d.navigate().refresh();
            return page.visible(By.cssSelector(".muted-alert"))
                    && text("muted-list").contains("muted: snooze");
        });
        assertThat(text("muted-list")).contains("shop: WAN wan1 down");
        page.go("#/alerts");
        page.until(d -> page.visible(By.cssSelector(".alert-muted"))
                && d.findElement(By.cssSelector(".alert-muted")).getText().startsWith("Not sent: snooze s"));
        assertThat(channels.sent())
                .noneMatch(s -> "shop".equals(s.notification().site()));
        chromium.screenshot("notify-02-maintenance");

        page.go("#/notify");
        page.waitFor(By.cssSelector("[data-delete-window]"));
        int before = page.driver().findElements(By.cssSelector("[data-window]")).size();
        page.driver().findElement(By.cssSelector("[data-delete-window]")).click();
        page.until(d -> d.findElements(By.cssSelector("[data-window]")).size() == before - 1);
    }

    @Test
    void viewer_seesTheListsWithoutForms() {
        page.loginAs("viewer");
        page.go("#/notify");
        page.waitFor(By.id("rules-default")); // the lists are loaded
        assertThat(page.driver().findElements(By.id("rule-form"))).isEmpty();
        assertThat(page.driver().findElements(By.id("window-form"))).isEmpty();
        assertThat(page.driver().getPageSource()).contains("Only admins change routing rules.");
    }

    @Test
    void customersOperator_seesMaintenanceAndMutedWithoutMspPanelsOrErrors() {
        page.loginAs("shopco-op");
        page.go("#/notify");
        page.until(d -> !d.findElements(By.cssSelector("#muted-list li")).isEmpty());
        assertThat(page.visible(By.id("window-form"))).isTrue();
        assertThat(page.visible(By.id("rules-title")))
                .as("routing rules are the MSP's")
                .isFalse();
        assertThat(page.visible(By.id("log-title")))
                .as("the maintenance log is the MSP's")
                .isFalse();
        assertThat(page.visible(By.id("notify-error"))).isFalse();
        assertThat(page.visible(By.cssSelector("[data-nav=channels]"))).isFalse();
        assertThat(page.visible(By.cssSelector("[data-nav=deliveries]"))).isFalse();
    }

    @Test
    void ackLink_openedInTheBrowser_buttonAcknowledgesTheAlertOnce() throws Exception {
        MqttClient depot = collector.connect("depot-agent", "depot", collector.addSite("depot"));
        try {
            depot.publish("vigil/v1/sites/depot/status", Payloads.status("depot", SiteStatus.ONLINE), 1, true);
            depot.publish("vigil/v1/sites/depot/events", Payloads.wanDown("depot", "wan1"), 1, false);
            page.until(d -> channels.sent().stream()
                    .anyMatch(s -> "depot".equals(s.notification().site())));
        } finally {
            depot.disconnect();
        }
        var alert = channels.sent().stream()
                .filter(s -> "depot".equals(s.notification().site()))
                .findFirst()
                .orElseThrow()
                .notification();
        page.driver().manage().deleteAllCookies(); // no login needed
        String link =
                "http://127.0.0.1:" + collector.httpPort() + alert.ackUrl().substring(PUBLIC_URL.length());
        page.driver().get(link);
        page.waitFor(By.cssSelector("form button")).click();
        page.until(d -> d.findElement(By.tagName("body")).getText().contains("Acknowledged: reminders"));
        chromium.screenshot("notify-03-ack");
        assertThat(collector.admin().get("/api/alerts?state=acknowledged").body())
                .contains(alert.alertId(), "ack-link");

        page.driver().get(link); // the same link again
        page.until(d -> d.findElement(By.tagName("body")).getText().contains("used already"));
    }
}
