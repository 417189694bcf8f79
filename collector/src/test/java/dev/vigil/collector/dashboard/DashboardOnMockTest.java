package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.MockCollector;
import dev.vigil.collector.dashboard.testing.MockData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The two failures the real collector cannot be made to show on demand without stopping it: the live stream going
 * away, and the store answering 503. The page is the same; the HTTP side is {@link MockCollector}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardOnMockTest {
    private MockData data;
    private MockCollector mock;
    private Chromium chromium;
    private DashboardPage page;

    @BeforeAll
    void start() {
        data = MockData.generated(20);
        mock = new MockCollector(data);
        chromium = Chromium.start(1280, 800);
        page = new DashboardPage(chromium.driver(), mock.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void liveIndicator_streamLost_saysReconnectingThenLiveAgain() {
        page.loginAs("operator");
        page.waitFor(page.siteRow("site-0001"));
        WebElement live = page.driver().findElement(By.id("live"));
        assertThat(live.getAttribute("aria-live")).isEqualTo("polite");

        mock.dropStreams(true);
        page.until(d -> "reconnecting".equals(page.liveState()));
        assertThat(live.getText()).isEqualTo("Reconnecting…");
        chromium.screenshot("12-reconnecting");

        mock.allowStreams();
        page.until(d -> "live".equals(page.liveState()));
        assertThat(live.getText()).isEqualTo("Live");
    }

    @Test
    void storeUnavailable_alertsPage_showsReadableMessageNotBlankPage() {
        page.loginAs("operator");
        data.fail("/api/alerts");
        page.go("#/alerts");
        WebElement error = page.waitFor(By.id("alerts-error"));
        assertThat(error.getText())
                .isEqualTo("Could not load the alerts: store unavailable: the database does not answer (HTTP 503).");
        assertThat(page.driver().findElement(By.id("alert-list")).getText()).contains("not available right now");
        chromium.screenshot("13-store-unavailable");
    }
}
