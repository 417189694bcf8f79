package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Role;
import dev.vigil.collector.configs.ConfigTestExports;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.testing.RunningCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The configuration history page in Debian's headless Chromium: reached from the site page, it lists a router's
 * versions and shows the diff of the two picked, the changed NAT rule marked as removed and added, without breaking
 * the Content-Security-Policy.
 */
class ConfigHistoryBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CSP_PROBE = "window.__csp = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    @Test
    void sitePageLink_versionList_andDiffWithTheChangedLineMarked() throws Exception {
        try (RunningCollector collector = new RunningCollector()) {
            collector.addUser("vera", Role.VIEWER, "a-long-password");
            MqttClient mqtt = collector.connect("browser-config-agent", "acme-hq", collector.addSite("acme-hq"));
            ConfigTestExports.storeTwoVersionsOfRouterA(collector, mqtt, "acme-hq");
            mqtt.disconnect();

            try (Chromium chromium = Chromium.start(1280, 900)) {
                ChromeDriver driver = chromium.driver();
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_PROBE));
                String base = "http://127.0.0.1:" + collector.httpPort() + "/";
                login(driver, base, "admin", RunningCollector.ADMIN_PASSWORD);
                driver.get(base + "#/sites/acme-hq");
                WebElement link = wait(driver).until(d -> visible(d.findElements(By.cssSelector("a.configs-link"))));
                assertThat(link.getText()).isEqualTo("Configuration history");
                link.click();

                wait(driver)
                        .until(d ->
                                "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                assertThat(driver.getCurrentUrl()).contains("configs.html?site=acme-hq");
                assertThat(driver.findElement(By.id("title")).getText()).isEqualTo("Configuration history of acme-hq");
                assertThat(driver.findElements(By.cssSelector("#versions tbody tr")))
                        .extracting(WebElement::getText)
                        .hasSize(2)
                        .allSatisfy(row -> assertThat(row).contains("bytes"));
                assertThat(texts(driver, ".diff-del")).containsExactly("-" + ConfigTestExports.NAT_RULE);
                assertThat(texts(driver, ".diff-add")).containsExactly("+" + ConfigTestExports.NAT_RULE_CHANGED);
                assertThat(texts(driver, ".diff-hunk"))
                        .singleElement()
                        .asString()
                        .startsWith("@@ -");
                assertThat(driver.findElement(By.id("diff-summary")).getText())
                        .isEqualTo("v1 → v2: 1 added, 1 removed");
                String delColour =
                        driver.findElement(By.cssSelector(".diff-del")).getCssValue("background-color");
                String addColour =
                        driver.findElement(By.cssSelector(".diff-add")).getCssValue("background-color");
                assertThat(delColour).isNotEqualTo(addColour).isNotEqualTo("rgba(0, 0, 0, 0)");
                chromium.screenshotFullPage("config-history");

                driver.findElement(By.cssSelector("input[name=from][value='2']"))
                        .click();
                driver.findElement(By.id("compare")).click();
                wait(driver).until(d -> d.findElement(By.id("diff")).getText().contains("are the same"));
                assertThat(driver.findElements(By.cssSelector(".diff-add, .diff-del")))
                        .isEmpty();

                driver.findElement(By.cssSelector("select#router")).sendKeys("router-b");
                wait(driver)
                        .until(d -> d.findElements(By.cssSelector("#versions tbody tr"))
                                        .size()
                                == 1);
                assertThat(driver.findElement(By.id("diff")).getText()).contains("are the same");

                assertThat((List<?>) driver.executeScript("return window.__csp"))
                        .isEmpty();

                login(driver, base, "vera", "a-long-password");
                driver.get(base + "#/sites/acme-hq");
                wait(driver).until(d -> visible(d.findElements(By.id("site-title"))));
                assertThat(driver.findElements(By.cssSelector("a.configs-link")))
                        .isEmpty();
                driver.get(base + "configs.html?site=acme-hq");
                wait(driver)
                        .until(d ->
                                "error".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
                assertThat(driver.findElement(By.id("error")).getText())
                        .isEqualTo("Configurations are shown to operators and admins only.");
            }
        }
    }

    @Test
    void pageMarkupAndScript_haveNoInlineCodeOrStyles() throws IOException {
        String html = resource("vigil-dashboard/configs.html");
        assertThat(html)
                .containsPattern("<script type=\"module\" src=\"[^\"]+\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<style")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(resource("vigil-dashboard/js/configs/configs-page.js"))
                .doesNotContain("innerHTML")
                .doesNotContain(".style.")
                .doesNotContainPattern("setAttribute\\(\\s*'on")
                .doesNotContain("eval(");
    }

    private static void login(ChromeDriver driver, String base, String user, String password) {
        driver.manage().deleteAllCookies();
        driver.get(base);
        wait(driver).until(d -> visible(d.findElements(By.id("login-username"))));
        driver.findElement(By.id("login-username")).sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait(driver).until(d -> visible(d.findElements(By.id("topbar"))));
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private static WebElement visible(List<WebElement> found) {
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    private static List<String> texts(ChromeDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ConfigHistoryBrowserTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
