package dev.vigil.collector.notify.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Apprise URL forms of docs/alerts.md: what each parses to, how it is masked, and what is rejected. */
class ChannelUrlsTest {
    private static final String PO_USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    private static final String PO_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";

    @Test
    void parse_ntfyWithBasicAuth_keepsPartsAndMasksPassword() {
        NtfyTarget t = (NtfyTarget) ChannelUrls.parse("ntfys://ops:s3cret-pass@ntfy.example.net/acme-alerts");
        assertThat(t)
                .isEqualTo(new NtfyTarget(
                        "ntfys", true, "ntfy.example.net", -1, "acme-alerts", "ops", "s3cret-pass", null));
        assertThat(t.server()).hasToString("https://ntfy.example.net/");
        assertThat(t.masked()).isEqualTo("ntfys://ops:****@ntfy.example.net/acme-alerts");
    }

    @Test
    void parse_ntfyWithTokenAsUser_usesBearerToken() {
        NtfyTarget t = (NtfyTarget) ChannelUrls.parse("ntfy://tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2@127.0.0.1:8080/oncall");
        assertThat(t.token()).isEqualTo("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");
        assertThat(t.user()).isNull();
        assertThat(t.server()).hasToString("http://127.0.0.1:8080/");
        assertThat(t.masked()).isEqualTo("ntfy://****@127.0.0.1:8080/oncall").doesNotContain("tk_");
    }

    @Test
    void parse_ntfyTokenParameter_usesBearerToken() {
        NtfyTarget t = (NtfyTarget) ChannelUrls.parse("ntfys://ntfy.example.net/oncall?token=tk_abcdef123456");
        assertThat(t.token()).isEqualTo("tk_abcdef123456");
        assertThat(t.masked()).doesNotContain("tk_abcdef123456");
    }

    @Test
    void parse_ntfyTopicOnly_publishesToNtfyShOverHttps() {
        NtfyTarget t = (NtfyTarget) ChannelUrls.parse("ntfy://acme-alerts");
        assertThat(t.server()).hasToString("https://ntfy.sh/");
        assertThat(t.topic()).isEqualTo("acme-alerts");
    }

    @Test
    void parse_gotifyWithSubpath_splitsPathAndToken() {
        GotifyTarget t = (GotifyTarget) ChannelUrls.parse("gotifys://push.example.net:8443/gotify/AbCdEf.123_xyz");
        assertThat(t.messageUri()).hasToString("https://push.example.net:8443/gotify/message");
        assertThat(t.token()).isEqualTo("AbCdEf.123_xyz");
        assertThat(t.masked()).isEqualTo("gotifys://push.example.net:8443/gotify/****");
    }

    @Test
    void parse_pushover_keepsKeysDevicesAndMasksBoth() {
        PushoverTarget t = (PushoverTarget)
                ChannelUrls.parse("pover://" + PO_USER + "@" + PO_TOKEN + "/phone1/tablet?sound=siren");
        assertThat(t.userKey()).isEqualTo(PO_USER);
        assertThat(t.token()).isEqualTo(PO_TOKEN);
        assertThat(t.devices()).containsExactly("phone1", "tablet");
        assertThat(t.sound()).isEqualTo("siren");
        assertThat(t.masked()).isEqualTo("pover://****@****/phone1/tablet");
    }

    @Test
    void parse_telegramTokenWithColon_isNotTakenForAPort() {
        TelegramTarget t = (TelegramTarget)
                ChannelUrls.parse("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/-1001234567890/@vigil_ops");
        assertThat(t.botToken()).isEqualTo("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
        assertThat(t.chatIds()).containsExactly("-1001234567890", "@vigil_ops");
        assertThat(t.masked()).isEqualTo("tgram://****/-1001234567890/@vigil_ops");
    }

    @Test
    void parse_mailtoWithSmtpAndRecipients_defaultsToStartTlsWhereOfferedOn25() {
        MailTarget t = (MailTarget) ChannelUrls.parse(
                "mailto://alerts:pa55w0rd@example.com/oncall@example.com?smtp=smtp.example.com&to=noc@example.com");
        assertThat(t.security()).isEqualTo(MailTarget.Security.STARTTLS_IF_OFFERED);
        assertThat(t.port()).isEqualTo(25);
        assertThat(t.smtpHost()).isEqualTo("smtp.example.com");
        assertThat(t.from()).isEqualTo("alerts@example.com");
        assertThat(t.to()).containsExactly("oncall@example.com", "noc@example.com");
        assertThat(t.masked())
                .isEqualTo("mailto://alerts:****@example.com:25/oncall@example.com/noc@example.com"
                        + "?smtp=smtp.example.com&from=alerts@example.com");
    }

    @ParameterizedTest
    @CsvSource({
        "mailtos://u:p@example.com, TLS, 465",
        "mailtos://u:p@example.com?mode=starttls, STARTTLS, 587",
        "mailto://u:p@example.com:2525?mode=ssl, TLS, 2525",
        "mailto://example.com, STARTTLS_IF_OFFERED, 25"
    })
    void parse_mailSecurityAndPort_followSchemeAndMode(String url, MailTarget.Security security, int port) {
        MailTarget t = (MailTarget) ChannelUrls.parse(url);
        assertThat(t.security()).isEqualTo(security);
        assertThat(t.port()).isEqualTo(port);
    }

    @Test
    void parse_jsonWithHeadersAndAuth_masksHeaderValuesPasswordAndPathTail() {
        WebhookTarget t = (WebhookTarget) ChannelUrls.parse(
                "jsons://hook:pw1234@hooks.slack.com/services/T000/B000/XXXXSECRET?+X-Api-Key=k3y-v4lue");
        assertThat(t.uri()).hasToString("https://hooks.slack.com/services/T000/B000/XXXXSECRET");
        assertThat(t.headers()).isEqualTo(Map.of("X-Api-Key", "k3y-v4lue"));
        assertThat(t.masked()).isEqualTo("jsons://hook:****@hooks.slack.com/services/****?+X-Api-Key=****");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the url is empty",
                "example.com/topic|the url has no scheme",
                "slack://T000/B000/XXX|unknown scheme 'slack://' (supported: gotify, gotifys, json, jsons, mailto, mailtos, ntfy, ntfys, pover, tgram)",
                "ntfy://ntfy.example.net|ntfy://: missing a topic after the host (ntfy://host/topic)",
                "ntfy://127.0.0.1:8080|ntfy://: missing a topic after the host",
                "ntfys://ntfy.example.net/a/b|ntfys://: give one topic per channel, not 2",
                "ntfy://ntfy.example.net/bad topic!|ntfy topic 'bad topic!' must be 1 to 64 letters, digits, - or _",
                "ntfy://ops@ntfy.example.net/t|ntfy://: the user 'ops' has no password",
                "ntfy://host:99999/t|the port after the host is not a number from 1 to 65535",
                "gotify://push.example.net|gotify://: missing an application token after the host",
                "gotifys:///token|gotifys://: missing a host",
                "pover://uQiRzpo4DXghDmr9QzzfQu27cmVRsG|pover://: missing a user key (pover://userkey@apptoken)",
                "pover://short@azGDORePK8gMaC0QOYAMyEEuzJnyUi|pover://: the user key must be 30 letters and digits",
                "pover://@azGDORePK8gMaC0QOYAMyEEuzJnyUi|pover://: missing a user key",
                "tgram://123456789:AAHdqTcvCH1vGWJx|tgram://: missing a chat id after the bot token",
                "tgram://notatoken/12345|tgram://: the bot token must look like 123456789:ABC-def_…",
                "tgram://123456789:AAHdqTcvCH1vGWJx/chat-room|tgram://: chat id 'chat-room' must be a number",
                "mailto://|mailto://: missing a domain or SMTP host",
                "mailto://u:p@example.com/not-an-address|mailto://: recipient 'not-an-address' is not an e-mail address",
                "mailtos://u:p@example.com?mode=tls13|mailtos://: mode 'tls13' is not one of ssl, starttls, insecure",
                "json://|json://: missing a host",
                "json://example.com/hook?+Bad Header=1|json://: 'Bad Header' is not a valid header name",
                "jsons://example.com/hook?+Host=evil.example|jsons://: the header 'Host' is set by the collector",
                "json://example.com/hook?+X-A=a%0Db|json://: the value of header 'X-A' has control characters",
                "ntfy://host/t%zz|the url has a bad percent-encoding"
            })
    void parse_badUrl_namesTheProblem(String url, String message) {
        assertThatThrownBy(() -> ChannelUrls.parse(url))
                .isInstanceOf(ChannelUrlException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void parse_badUrlWithSecrets_neverRepeatsThem() {
        for (String url : List.of(
                "ntfy://tk_verysecret@ntfy.example.net",
                "gotify://push.example.net:notaport/TOKENSECRET",
                "mailto://user:verysecret@example.com?mode=bogus",
                "tgram://123456789:verysecret")) {
            assertThatThrownBy(() -> ChannelUrls.parse(url))
                    .isInstanceOf(ChannelUrlException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("verysecret", "TOKENSECRET"));
        }
    }
}
