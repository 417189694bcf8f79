package dev.vigil.collector.dashboard.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a test does with the dashboard: log in, go to a page, wait for something to show. */
public final class DashboardPage {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final String url;

    public DashboardPage(ChromeDriver driver, String url) {
        this.driver = driver;
        this.url = url;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the dashboard without a session and logs in through the form. */
    public void loginAs(String user) {
        driver.manage().deleteAllCookies();
        driver.get(url);
        until(d -> visible(By.id("login-username")));
        driver.findElement(By.id("login-username")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(LiveCollector.password(user));
        driver.findElement(By.id("login-submit")).click();
        until(d -> visible(By.id("topbar")) && "live".equals(liveState()));
    }

    public void open(String hash) {
        driver.get(url + hash);
    }

    /** Changes the route inside the already loaded page (no reload). */
    public void go(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash);
    }

    public String liveState() {
        return driver.findElement(By.id("live")).getAttribute("data-state");
    }

    public <T> T until(Function<WebDriver, T> condition) {
        // live updates re-render lists under the test's feet: a stale element means "look again"
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public WebElement waitFor(By by) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public boolean visible(By by) {
        List<WebElement> found = driver.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    /** Sets a marker on window that a reload would wipe. */
    public void markNoReload() {
        driver.executeScript("window.__vigilNoReload = true");
    }

    public boolean stillSamePage() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__vigilNoReload === true"));
    }

    public By siteRow(String site) {
        return By.cssSelector("[data-site='" + site + "']");
    }
}
