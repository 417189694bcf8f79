package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends the requests a service's renderer makes with the JDK client: 2xx delivered; 408, 425, 429 and 5xx worth
 * retrying (with the server's {@code Retry-After}); other statuses permanent; I/O errors retried.
 */
final class HttpSender implements Sender {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int BODY_SHOWN = 200;

    private final HttpClient client;
    private final Function<Notification, List<HttpRequest>> renderer;
    private final List<String> secrets;
    private final Clock clock;

    HttpSender(
            HttpClient client, Function<Notification, List<HttpRequest>> renderer, List<String> secrets, Clock clock) {
        this.client = client;
        this.renderer = renderer;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Attempt send(Notification notification) {
        Attempt last = null;
        for (HttpRequest request : renderer.apply(notification)) {
            last = sendOne(request);
            if (last.result() != Attempt.Result.DELIVERED) {
                return last;
            }
        }
        return last;
    }

    private Attempt sendOne(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            String detail = Secrets.scrub("HTTP " + status + " " + shorten(r.body()), secrets)
                    .strip();
            if (status >= 200 && status < 300) {
                return Attempt.delivered(detail);
            }
            if (status == 408 || status == 425 || status == 429 || status >= 500) {
                return Attempt.transientFailure(
                        detail,
                        r.headers()
                                .firstValue("Retry-After")
                                .flatMap(v -> retryAfter(v, clock.instant()))
                                .orElse(null));
            }
            return Attempt.permanentFailure(detail);
        } catch (IOException e) {
            return Attempt.transientFailure(Secrets.scrub("error: " + describe(e), secrets), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.transientFailure("error: interrupted", null);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            s.append(": ").append(e.getMessage());
        }
        if (root != e) {
            s.append(" (").append(root.getClass().getSimpleName());
            s.append(root.getMessage() == null ? "" : ": " + root.getMessage()).append(')');
        }
        return s.toString();
    }

    static String shorten(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() <= BODY_SHOWN ? flat : flat.substring(0, BODY_SHOWN) + "…";
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
    static Optional<Duration> retryAfter(String value, java.time.Instant now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, when.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }
}
