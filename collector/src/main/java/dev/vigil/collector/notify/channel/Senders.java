package dev.vigil.collector.notify.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes the {@link Sender} for a target.
 *
 * @param pushoverApi Pushover's API root, {@link PushoverRenderer#API} but in tests
 * @param telegramApi the Bot API root, {@link TelegramRenderer#API} but in tests
 * @param smtpTls the TLS socket factory for SMTP, null for the JVM's default trust
 * @param clock for a {@code Retry-After} given as a date
 */
record Senders(HttpClient http, URI pushoverApi, URI telegramApi, SSLSocketFactory smtpTls, Clock clock) {

    Sender forTarget(ChannelTarget target) {
        var secrets = Secrets.of(target);
        if (target instanceof NtfyTarget t) {
            return new HttpSender(http, n -> NtfyRenderer.render(t, n), secrets, clock);
        } else if (target instanceof GotifyTarget t) {
            return new HttpSender(http, n -> GotifyRenderer.render(t, n), secrets, clock);
        } else if (target instanceof PushoverTarget t) {
            return new HttpSender(http, n -> PushoverRenderer.render(pushoverApi, t, n), secrets, clock);
        } else if (target instanceof TelegramTarget t) {
            return new HttpSender(http, n -> TelegramRenderer.render(telegramApi, t, n), secrets, clock);
        } else if (target instanceof WebhookTarget t) {
            return new HttpSender(http, n -> WebhookRenderer.render(t, n), secrets, clock);
        }
        return new MailSender((MailTarget) target, smtpTls);
    }
}
