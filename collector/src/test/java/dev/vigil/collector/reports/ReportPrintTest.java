package dev.vigil.collector.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventIds;
import dev.vigil.protocol.Json;
import dev.vigil.protocol.Severity;
import dev.vigil.testkit.Prerequisites;
import dev.vigil.testkit.process.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The printable report in Debian's headless Chromium: the page draws its charts from the API, Chromium prints it to
 * PDF, and poppler-utils' pdfinfo/pdftotext look at the pages: A4, one page, the figures there, the controls not.
 */
class ReportPrintTest {
    private static final Instant DAY =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

    @Test
    void reportPage_printedToPdf_isOneCleanA4PageWithTheFigures() throws Exception {
        Path pdfinfo = Prerequisites.requireCommand("pdfinfo", "poppler-utils");
        Path pdftotext = Prerequisites.requireCommand("pdftotext", "poppler-utils");
        try (RunningCollector collector = new RunningCollector()) {
            MqttClient agent = collector.connect("print-agent", "acme-hq", collector.addSite("acme-hq"));
            EventIds ids = new EventIds();
            publish(
                    agent,
                    ids,
                    "wan.down",
                    6 * 60,
                    Json.object().put("wan", "wan1").put("state", "down"));
            publish(
                    agent,
                    ids,
                    "wan.up",
                    6 * 60 + 72,
                    Json.object().put("wan", "wan1").put("state", "up"));
            agent.disconnect();
            ApiClient admin = collector.admin();
            String query = "site=acme-hq&from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> admin.get("/api/reports/availability?" + query)
                                    .json()
                                    .path("sites")
                                    .path(0)
                                    .path("down_s")
                                    .asLong()
                            == 72 * 60);

            try (Chromium chromium = Chromium.start(1280, 900)) {
                ChromeDriver driver = chromium.driver();
                String base = "http://127.0.0.1:" + collector.httpPort();
                driver.get(base + "/report.html");
                Object login = driver.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch('api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                                + " body: JSON.stringify({username: 'admin', password: arguments[0]})})"
                                + ".then(r => done(r.status), e => done(String(e)));",
                        RunningCollector.ADMIN_PASSWORD);
                assertThat(login).isEqualTo(200L);
                driver.get(base + "/report.html?" + query);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> driver.findElement(By.tagName("body")).getAttribute("data-ready") != null);
                assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ready"))
                        .isEqualTo("true");
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Availability of acme-hq");
                assertThat(driver.findElements(By.cssSelector("svg.chart"))).hasSize(2);
                chromium.screenshotFullPage("availability-report");

                Map<String, Object> printed = driver.executeCdpCommand(
                        "Page.printToPDF", Map.of("printBackground", true, "preferCSSPageSize", true));
                Path pdf = Chromium.SCREENSHOTS.resolve("availability-report.pdf");
                Files.createDirectories(pdf.getParent());
                Files.write(pdf, Base64.getDecoder().decode((String) printed.get("data")));

                String info = Commands.run(pdfinfo.toString(), pdf.toString())
                        .requireSuccess()
                        .output();
                assertThat(info).containsPattern("Pages:\\s+1\\n").containsPattern("Page size:.*\\(A4\\)");
                String text = Commands.run(pdftotext.toString(), "-layout", pdf.toString(), "-")
                        .requireSuccess()
                        .output();
                assertThat(text)
                        .contains("Availability of acme-hq")
                        .contains("95.000 %")
                        .contains("Failovers")
                        .contains("Mean time to repair")
                        .contains("1 h 12 min");
                // the form and its buttons are for the screen only
                assertThat(text).doesNotContain("Print / PDF").doesNotContain("Vigil dashboard");
            }
        }
    }

    private static void publish(MqttClient agent, EventIds ids, String type, int minute, ObjectNode data)
            throws Exception {
        Event e = new Event(
                1,
                ids.next(),
                "acme-hq",
                minute,
                DAY.plus(Duration.ofMinutes(minute)),
                type,
                Severity.WARNING,
                "wan/wan1",
                data);
        agent.publish("vigil/v1/sites/acme-hq/events", Payloads.bytes(e), 1, false);
    }
}
