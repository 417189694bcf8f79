package dev.vigil.collector.alerts;

import dev.vigil.collector.store.AlertRecord;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Optional: POSTs every alert change as JSON (the API form) to a webhook (ntfy, Slack bridge, …). Never blocks. */
public final class WebhookNotifier implements AlertSink {
    private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());

    private final URI url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookNotifier(String url) {
        this.url = URI.create(url);
    }

    @Override
    public void changed(AlertRecord changed, AlertRecord retained) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        AlertViews.api(changed).toString()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                LOG.log(
                        Level.WARNING,
                        "webhook {0} failed for alert {1}: {2}",
                        url.getHost(),
                        changed.id(),
                        e != null ? e.toString() : "HTTP " + r.statusCode());
            }
        });
    }
}
