package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.testing.Payloads;
import dev.vigil.collector.testing.RunningCollector;
import dev.vigil.protocol.SiteStatus;
import dev.vigil.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's mosquitto_pub and mosquitto_sub (MQTT 3.1.1 and 5) against the embedded endpoint. */
class MosquittoClientsTest {
    private static RunningCollector collector;
    private static String password;
    private static Path pub;
    private static Path sub;

    @BeforeAll
    static void start() {
        pub = Prerequisites.requireCommand("mosquitto_pub", "mosquitto-clients");
        sub = Prerequisites.requireCommand("mosquitto_sub", "mosquitto-clients");
        collector = new RunningCollector();
        password = collector.addSite("mq-site");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    private record Result(int exit, String output) {}

    private static Result run(Path command, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(
                List.of(command.toString(), "-h", "127.0.0.1", "-p", String.valueOf(collector.mqttPort())));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void mosquittoPub_v311And5_eventIsStored() throws Exception {
        long before = collector.app().stores().events().count();
        for (String version : List.of("mqttv311", "mqttv5")) {
            Result r = run(
                    pub,
                    "-V",
                    version,
                    "-u",
                    "mq-site",
                    "-P",
                    password,
                    "-q",
                    "1",
                    "-t",
                    "vigil/v1/sites/mq-site/events",
                    "-m",
                    new String(Payloads.info("mq-site"), StandardCharsets.UTF_8));
            assertThat(r.exit()).as(r.output()).isZero();
        }
        assertThat(collector.app().stores().events().count()).isEqualTo(before + 2);
    }

    @Test
    void mosquittoSub_retainedStatus_isReceivedByAdmin() throws Exception {
        Result published = run(
                pub,
                "-u",
                "mq-site",
                "-P",
                password,
                "-q",
                "1",
                "-r",
                "-t",
                "vigil/v1/sites/mq-site/status",
                "-m",
                new String(Payloads.status("mq-site", SiteStatus.ONLINE), StandardCharsets.UTF_8));
        assertThat(published.exit()).as(published.output()).isZero();
        Result got = run(
                sub,
                "-u",
                "admin",
                "-P",
                RunningCollector.ADMIN_PASSWORD,
                "-t",
                "vigil/v1/sites/+/status",
                "-C",
                "1",
                "-W",
                "10",
                "-v");
        assertThat(got.exit()).as(got.output()).isZero();
        assertThat(got.output()).startsWith("vigil/v1/sites/mq-site/status {").contains("\"online\"");
    }

    @Test
    void mosquittoPub_wrongPassword_isRefused() throws Exception {
        Result r =
                run(pub, "-u", "mq-site", "-P", "wrong", "-q", "1", "-t", "vigil/v1/sites/mq-site/events", "-m", "{}");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("bad user name or password");
    }

    @Test
    void mosquittoPubV5_otherSitesTopic_getsNotAuthorizedAndNothingIsStored() throws Exception {
        long before = collector.app().stores().events().count();
        Result r = run(
                pub,
                "-V",
                "mqttv5",
                "-u",
                "mq-site",
                "-P",
                password,
                "-q",
                "1",
                "-d",
                "-t",
                "vigil/v1/sites/someone-else/events",
                "-m",
                new String(Payloads.info("someone-else"), StandardCharsets.UTF_8));
        assertThat(r.output()).contains("PUBACK").contains("135");
        assertThat(collector.app().stores().events().count()).isEqualTo(before);
    }

    @Test
    void mosquittoPubV5_invalidPayload_getsPayloadFormatInvalidAndIsCounted() throws Exception {
        long before = collector.app().counters().get("vigil_ingest_rejected_total{reason=\"invalid_json\"}");
        Result r = run(
                pub,
                "-V",
                "mqttv5",
                "-u",
                "mq-site",
                "-P",
                password,
                "-q",
                "1",
                "-d",
                "-t",
                "vigil/v1/sites/mq-site/events",
                "-m",
                "not json at all");
        assertThat(r.output()).contains("PUBACK").contains("153");
        assertThat(collector.app().counters().get("vigil_ingest_rejected_total{reason=\"invalid_json\"}"))
                .isEqualTo(before + 1);
    }
}
