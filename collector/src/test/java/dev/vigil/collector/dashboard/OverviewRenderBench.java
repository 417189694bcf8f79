package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.MockCollector;
import dev.vigil.collector.dashboard.testing.MockData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Time from navigation start to the first full render of the sites overview (the page sets
 * window.vigilOverviewRendered = performance.now() after the list is in the DOM and laid out on the next frame), with
 * 5,000 sites against a baseline of 50 sites in the same browser. Served by the mock collector so that only the
 * page is measured, not the collector's state projection.
 */
@Tag("bench")
class OverviewRenderBench {
    private static final int RUNS = 7;
    private static final double TARGET_MS = 1500;

    @Test
    void overview_5000Sites_firstFullRenderWithinTarget() {
        double baseline = measure(50);
        double large = measure(5000);
        String table = String.format(
                Locale.ROOT,
                "%n| sites | median first full render (ms) | ratio to 50 sites |%n|---|---|---|%n"
                        + "| 50 | %.0f | 1.00 |%n| 5000 | %.0f | %.2f |%n",
                baseline,
                large,
                large / baseline);
        System.out.println(table);
        assertThat(large).as("median first full render with 5,000 sites (ms)").isLessThanOrEqualTo(TARGET_MS);
    }

    private static double measure(int sites) {
        try (MockCollector mock = new MockCollector(MockData.generated(sites));
                Chromium chrome = Chromium.start(1920, 1080)) {
            ChromeDriver d = chrome.driver();
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
            d.get(mock.url());
            wait.until(x -> !x.findElements(By.id("login-username")).isEmpty());
            d.findElement(By.id("login-username")).sendKeys("viewer");
            d.findElement(By.id("login-password")).sendKeys(LiveCollector.password("viewer"));
            d.findElement(By.id("login-submit")).click();
            wait.until(x ->
                    String.valueOf(sites).equals(x.findElement(By.id("main")).getAttribute("data-rendered")));
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                d.navigate().refresh();
                wait.until(x -> ((ChromeDriver) x).executeScript("return window.vigilPaintedAt ?? null") != null);
                times.add(((Number) d.executeScript("return window.vigilPaintedAt")).doubleValue());
            }
            chrome.screenshot("bench-overview-" + sites);
            Collections.sort(times);
            return times.get(times.size() / 2);
        }
    }
}
