package dev.vigil.collector.notify.channel;

import dev.vigil.collector.notify.Notification;
import dev.vigil.collector.notify.NotificationKind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * E-mail through Angus Mail (Jakarta Mail): implicit TLS, STARTTLS required, or STARTTLS when the server offers it;
 * AUTH when the URL has a user. Every message about one alert carries {@code References: <groupKey@vigil>} so mail
 * clients thread the alert and its resolve. The detail is the server's last reply ({@code 250 2.0.0 OK …}).
 */
final class MailSender implements Sender {
    private static final int TIMEOUT_MS = 15_000;

    private final MailTarget target;
    private final SSLSocketFactory tls;
    private final List<String> secrets;

    /** {@code tls} null: the JVM's default trust store. */
    MailSender(MailTarget target, SSLSocketFactory tls) {
        this.target = target;
        this.tls = tls;
        this.secrets = Secrets.of(target);
    }

    @Override
    public Attempt send(Notification n) {
        Session session = Session.getInstance(properties());
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(target.smtpHost(), target.port(), target.user(), target.password());
            MimeMessage m = message(session, n);
            transport.sendMessage(m, m.getAllRecipients());
            return Attempt.delivered(reply(transport.getLastServerResponse()));
        } catch (AuthenticationFailedException e) {
            return Attempt.permanentFailure(reply("authentication failed: " + e.getMessage()));
        } catch (SMTPSendFailedException e) {
            String detail = reply(e.getReturnCode() + " " + e.getMessage());
            return e.getReturnCode() >= 500 ? Attempt.permanentFailure(detail) : Attempt.transientFailure(detail, null);
        } catch (MessagingException e) {
            String detail = reply("error: " + describe(e));
            // a server without STARTTLS where the URL demands it will not grow one on retry
            return String.valueOf(e.getMessage()).contains("STARTTLS is required")
                    ? Attempt.permanentFailure(detail)
                    : Attempt.transientFailure(detail, null);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("mail.smtp.host", target.smtpHost());
        p.put("mail.smtp.port", Integer.toString(target.port()));
        p.put("mail.smtp.auth", Boolean.toString(target.user() != null));
        p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        switch (target.security()) {
            case TLS -> p.put("mail.smtp.ssl.enable", "true");
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case STARTTLS_IF_OFFERED -> p.put("mail.smtp.starttls.enable", "true");
        }
        if (tls != null) {
            p.put("mail.smtp.ssl.socketFactory", tls);
        }
        return p;
    }

    private MimeMessage message(Session session, Notification n) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        try {
            m.setFrom(new InternetAddress(
                    target.from(), target.fromName() == null ? "Vigil" : target.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        for (String to : target.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        String prefix = n.kind() == NotificationKind.RESOLVED ? "Re: " : "";
        m.setSubject(prefix + n.title(), StandardCharsets.UTF_8.name());
        m.setText(TextRendering.withLinks(n) + "\n", StandardCharsets.UTF_8.name());
        if (n.groupKey() != null) {
            m.setHeader("References", "<" + n.groupKey() + "@vigil>");
            m.setHeader("X-Vigil-Alert", n.groupKey());
        }
        m.setHeader("X-Vigil-Kind", n.kind().name());
        return m;
    }

    private String reply(String text) {
        return Secrets.scrub(("SMTP " + text).replaceAll("\\s+", " ").strip(), secrets);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? e.getMessage()
                : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
