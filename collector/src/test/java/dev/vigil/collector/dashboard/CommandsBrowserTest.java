package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import dev.vigil.protocol.Command;
import dev.vigil.protocol.CommandKeys;
import dev.vigil.protocol.CommandSignatures;
import dev.vigil.protocol.PayloadKind;
import dev.vigil.protocol.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The site page's commands in headless Chromium against the real collector, under its Content-Security-Policy: an
 * operator starts a failover drill and a probe with the buttons, a Paho client playing the agent receives them signed
 * and answers; status, result and "last drill" change live without a reload. A viewer sees them without buttons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsBrowserTest {
    private static final String SITE = "cmd-site";

    private LiveCollector collector;
    private SitePublisher agent;
    private final BlockingQueue<JsonNode> commands = new LinkedBlockingQueue<>();
    private Chromium chromium;
    private DashboardPage page;

    @BeforeAll
    void start() {
        collector = LiveCollector.start();
        agent = collector.createSite(SITE, List.of());
        agent.status(true);
        agent.state(SiteStates.pair(SiteStates.ROUTER_A, "up", "up"));
        agent.onCommands(commands::add);
        chromium = Chromium.start(1280, 1000);
        page = new DashboardPage(chromium.driver(), collector.url());
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void operatorSendsDrillAndProbe_agentAnswers_statusAndLastDrillChangeLive_viewerSeesThemReadOnly()
            throws Exception {
        page.loginAs("operator");
        page.open("#/sites/" + SITE);
        page.waitFor(By.id("cmd-form"));
        page.until(d -> d.findElement(By.id("cmd-rows")).getText().contains("No command"));
        page.markNoReload();

        WebElement hold = page.driver().findElement(By.id("cmd-hold"));
        hold.clear();
        hold.sendKeys("4");
        button("failover_drill").click();
        Command drill = nextCommand();
        assertThat(drill.action()).isEqualTo("failover_drill");
        assertThat(drill.args().get("hold_s").asInt()).isEqualTo(4);
        assertThat(drill.issuer()).isEqualTo("operator");
        String publicKey = collector.get("/api/command-key").get("public_key").asText();
        assertThat(CommandSignatures.verifies(drill, CommandKeys.parsePublicKey(publicKey)))
                .isTrue();
        page.waitFor(row(drill.id(), "sent"));

        agent.event(
                "drill.completed",
                "info",
                "command/" + drill.id(),
                Map.of("command_id", drill.id(), "passed", true, "takeover_ms", 3900));
        agent.event(
                "command.completed",
                "info",
                "command/" + drill.id(),
                Map.of("command_id", drill.id(), "action", "failover_drill", "result", Map.of("takeover_ms", 3900)));
        page.waitFor(row(drill.id(), "completed"));
        page.until(d -> d.findElement(By.id("cmd-drill")).getText().startsWith("Last drill: 3.9 s, passed"));
        assertThat(page.driver()
                        .findElement(row(drill.id(), "completed"))
                        .findElement(By.className("cmd-result"))
                        .getText())
                .isEqualTo("Drill: 3.9 s, passed");

        button("probe_now").click();
        Command probe = nextCommand();
        assertThat(probe.action()).isEqualTo("probe_now");
        agent.event(
                "command.rejected",
                "warning",
                "command/" + probe.id(),
                Map.of("command_id", probe.id(), "reason", "busy", "detail", "a drill is running"));
        WebElement rejected = page.waitFor(row(probe.id(), "rejected"));
        assertThat(rejected.getText()).contains("Rejected").contains("busy: a drill is running");
        assertThat(page.stillSamePage()).isTrue();
        chromium.screenshot("site-commands");

        page.loginAs("viewer");
        page.open("#/sites/" + SITE);
        page.waitFor(row(probe.id(), "rejected"));
        assertThat(page.driver().findElements(By.id("cmd-form"))).isEmpty();
        assertThat(page.driver().findElements(By.cssSelector("[data-action]"))).isEmpty();
        assertThat(page.driver().findElement(By.id("cmd-drill")).getText()).startsWith("Last drill: 3.9 s, passed");
    }

    private WebElement button(String action) {
        return page.waitFor(By.cssSelector("#cmd-form button[data-action='" + action + "']"));
    }

    private static By row(String id, String status) {
        return By.cssSelector("#cmd-rows tr[data-command='" + id + "'][data-status='" + status + "']");
    }

    private Command nextCommand() throws Exception {
        JsonNode json = commands.poll(10, TimeUnit.SECONDS);
        assertThat(json).as("a command reached the agent within 10 s").isNotNull();
        return new WireCodec().decode(PayloadKind.COMMAND, json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
