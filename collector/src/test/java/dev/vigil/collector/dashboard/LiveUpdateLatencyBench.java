package dev.vigil.collector.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.dashboard.testing.Chromium;
import dev.vigil.collector.dashboard.testing.DashboardPage;
import dev.vigil.collector.dashboard.testing.LiveCollector;
import dev.vigil.collector.dashboard.testing.SitePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * From an MQTT publish (Paho, QoS 1, to the real collector) to the DOM change in headless Chromium, against the
 * arrival of the same message at a second EventSource in the page (the baseline: collector + SSE, no rendering).
 * Two paths: an event appearing on the open site's timeline, and a state change updating the overview row (the
 * collector coalesces site updates for up to 250 ms). Page and Java read the same wall clock.
 */
@Tag("bench")
class LiveUpdateLatencyBench {
    private static final int PUBLISHES = 30;
    private static final double TARGET_P95_MS = 1000;
    private static final String WATCH = "window.__hits = {}; window.__sse = {}; window.__sseSite = [];"
            + "const es = new EventSource('api/stream');"
            + "es.addEventListener('event', (e) => { window.__sse[JSON.parse(e.data).id] = Date.now(); });"
            + "es.addEventListener('site', (e) => { const p = JSON.parse(e.data);"
            + "  const w = (p.wans || []).find((x) => x.name === 'wan2');"
            + "  window.__sseSite.push([Date.now(), 'wan2 ' + (w ? w.state : '?')]); });"
            + "window.__watch = (key, selector, text) => {"
            + "  const check = () => { const el = document.querySelector(selector);"
            + "    if (el && el.textContent.includes(text) && !(key in window.__hits)) window.__hits[key] = Date.now(); };"
            + "  new MutationObserver(check).observe(document.body, {subtree: true, childList: true, characterData: true});"
            + "  check(); };";

    @Test
    void mqttPublish_toDomUpdate_p95WithinTarget() {
        try (LiveCollector collector = LiveCollector.start();
                SitePublisher site = collector.createSite("bench-site", List.of("bench"));
                Chromium chromium = Chromium.start(1440, 900)) {
            site.state(SiteStates.pair(SiteStates.ROUTER_A, "up", "up"));
            DashboardPage page = new DashboardPage(chromium.driver(), collector.url());
            page.loginAs("operator");
            page.go("#/sites/bench-site");
            page.waitFor(By.cssSelector("svg.pair"));
            page.driver().executeScript(WATCH);
            page.until(d -> d.findElement(By.id("site-timeline")).getText().length() > 0);

            Samples timeline = measure(
                    page,
                    i -> {
                        String id = site.event(
                                "vrrp.priority_changed",
                                "info",
                                "vrrp/eth0/IPv4/10",
                                Map.of(
                                        "source",
                                        SiteStates.ROUTER_B,
                                        "priority",
                                        100 + i,
                                        "previous_priority",
                                        99 + i));
                        return new String[] {id, ".tl-item[data-event='" + id + "']", "→ " + (100 + i)};
                    },
                    site,
                    null);

            page.go("#/sites");
            page.waitFor(page.siteRow("bench-site"));
            Samples overview = measure(
                    page,
                    i -> {
                        String wan2 = i % 2 == 0 ? "down" : "up";
                        return new String[] {null, "[data-site='bench-site'] .c-wans", "wan2 " + wan2};
                    },
                    site,
                    i -> SiteStates.pair(SiteStates.ROUTER_A, "up", i % 2 == 0 ? "down" : "up"));

            System.out.println(String.format(
                    Locale.ROOT,
                    "%n| path (%d publishes each) | SSE arrival p50 / p95 (ms) | DOM update p50 / p95 / max (ms) |"
                            + " ratio p95 DOM/SSE |%n|---|---|---|---|%n%s%n%s%n",
                    PUBLISHES,
                    timeline.row("event → site timeline"),
                    overview.row("state → overview row")));
            assertThat(timeline.p95(timeline.dom)).isLessThanOrEqualTo(TARGET_P95_MS);
            assertThat(overview.p95(overview.dom)).isLessThanOrEqualTo(TARGET_P95_MS);
        }
    }

    interface Step {
        String[] publish(int i);
    }

    interface StateStep {
        Map<String, Object> state(int i);
    }

    private static Samples measure(DashboardPage page, Step step, SitePublisher site, StateStep state) {
        Samples s = new Samples();
        for (int i = 0; i < PUBLISHES; i++) {
            String key = "k" + i + "-" + System.nanoTime();
            long sent;
            String[] what;
            if (state == null) {
                sent = System.currentTimeMillis();
                what = step.publish(i);
                page.driver()
                        .executeScript(
                                "window.__watch(arguments[0], arguments[1], arguments[2])", key, what[1], what[2]);
            } else {
                what = step.publish(i);
                page.driver()
                        .executeScript(
                                "window.__watch(arguments[0], arguments[1], arguments[2])", key, what[1], what[2]);
                sent = System.currentTimeMillis();
                site.state(state.state(i));
            }
            Supplier<Object> hit = () -> page.driver().executeScript("return window.__hits[arguments[0]]", key);
            new WebDriverWait(page.driver(), Duration.ofSeconds(10), Duration.ofMillis(20))
                    .until(d -> hit.get() != null);
            s.dom.add(((Number) hit.get()).doubleValue() - sent);
            Object sse = what[0] != null
                    ? page.driver().executeScript("return window.__sse[arguments[0]]", what[0])
                    : page.driver()
                            .executeScript(
                                    "const e = window.__sseSite.find((x) => x[0] >= arguments[0] && x[1] === arguments[1]);"
                                            + " return e ? e[0] : null",
                                    sent,
                                    what[2]);
            if (sse != null) {
                s.sse.add(((Number) sse).doubleValue() - sent);
            }
        }
        return s;
    }

    private static final class Samples {
        final List<Double> dom = new ArrayList<>();
        final List<Double> sse = new ArrayList<>();

        double p95(List<Double> values) {
            return pct(values, 0.95);
        }

        static double pct(List<Double> values, double q) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
        }

        String row(String name) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %.0f / %.0f | %.0f / %.0f / %.0f | %.2f |",
                    name,
                    pct(sse, 0.5),
                    pct(sse, 0.95),
                    pct(dom, 0.5),
                    pct(dom, 0.95),
                    Collections.max(dom),
                    pct(dom, 0.95) / Math.max(1, pct(sse, 0.95)));
        }
    }
}
