package dev.vigil.collector.dashboard.testing;

import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a throw-away profile. Selenium Manager is
 * never consulted: both binaries are given explicitly.
 */
public final class Chromium implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final long MAX_SCREENSHOT_HEIGHT = 4000;

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a browser with a window of width x height CSS pixels. */
    public static Chromium start(int width, int height) {
        Path chromium = Prerequisites.requireCommand("chromium", "chromium");
        Path chromedriver = Prerequisites.requireCommand("chromedriver", "chromium-driver");
        try {
            Path profile = Files.createTempDirectory("vigil-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withSilent(true)
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            driver.manage().window().setSize(new Dimension(width, height));
            return new Chromium(profile, service, driver);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile directory", e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of what the window shows under target/screenshots and returns its path. */
    public Path screenshot(String name) {
        return save(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Saves a PNG of the whole page, beyond the window (up to 4,000 px tall). */
    public Path screenshotFullPage(String name) {
        return save(name, fullPage());
    }

    private static Path save(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    private byte[] fullPage() {
        long width = ((Number) driver.executeScript("return window.innerWidth")).longValue();
        long height = Math.min(
                ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue(),
                MAX_SCREENSHOT_HEIGHT);
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
