package dev.vigil.collector.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.collector.testing.ApiClient;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.collector.testing.SteppingClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command nobody answers turns expired once the collector's clock passes its expiry, and the stream says so. */
class CommandExpiryApiTest {
    @Test
    void unansweredCommand_expires_andTheLiveStreamTellsTheBrowser() throws Exception {
        SteppingClock clock = new SteppingClock(Instant.now());
        try (RunningCollector collector = new RunningCollector(c -> c, clock)) {
            collector.app().directory().addSite("quiet-site", List.of());
            ApiClient admin = collector.admin();
            HttpResponse<java.io.InputStream> stream = admin.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(admin.base() + "/api/stream"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            StreamReader reader = new StreamReader(stream.body());

            ApiClient.Reply sent =
                    admin.post("/api/sites/quiet-site/commands", "{\"action\":\"refresh_state\",\"expires_in_s\":10}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            String id = sent.json().get("id").asText();
            clock.advance(Duration.ofSeconds(9));
            assertThat(admin.get("/api/commands/" + id).json().get("status").asText())
                    .isEqualTo("sent");

            clock.advance(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> reader.seen("\"id\":\"" + id + "\"", "\"status\":\"expired\""));
            assertThat(admin.get("/api/commands/" + id).json().get("status").asText())
                    .isEqualTo("expired");
            assertThat(admin.get("/api/sites/quiet-site/commands")
                            .json()
                            .get("commands")
                            .get(0)
                            .get("status")
                            .asText())
                    .isEqualTo("expired");
            stream.body().close();
        }
    }

    /** Collects the stream's data lines on a thread of its own. */
    private static final class StreamReader {
        private final StringBuffer text = new StringBuffer();

        StreamReader(java.io.InputStream in) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[4096];
                        try {
                            for (int n; (n = in.read(buf)) > 0; ) {
                                text.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                            }
                        } catch (java.io.IOException e) {
                            // closed at the end of the test
                        }
                    },
                    "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        boolean seen(String... parts) {
            for (String line : text.toString().split("\n")) {
                if (line.startsWith("data: ") && java.util.Arrays.stream(parts).allMatch(line::contains)) {
                    return true;
                }
            }
            return false;
        }
    }
}
