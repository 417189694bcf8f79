package dev.vigil.agent.routeros;

import static dev.vigil.agent.routeros.SimFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.testkit.routeros.Misbehaviour;
import dev.vigil.testkit.routeros.RouterOsSim;
import dev.vigil.testkit.routeros.SimRouter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiRouterOsClientTest {
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    private RouterOsSim sim(RouterOsSim.Options options) {
        RouterOsSim sim = SimFixture.sim(options);
        closeLater.add(sim);
        return sim;
    }

    private ApiRouterOsClient client(RouterConfig config) {
        ApiRouterOsClient client = new ApiRouterOsClient(config);
        closeLater.add(client);
        return client;
    }

    @Test
    void print_vrrpWithProplistAndQuery_returnsFlagsAsSent() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        List<Map<String, String>> items = await(
                client.print("/interface/vrrp", List.of(".id", "name", "master", "backup", "priority"), "name=vrrp1"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0))
                .containsEntry("name", "vrrp1")
                .containsEntry("master", "true")
                .doesNotContainKey("backup")
                .doesNotContainKey("vrid");
        assertThat(Reply.flag(items.get(0), "backup")).isFalse();
    }

    @Test
    void print_nothingMatchesOnV718_emptyIgnoredAndDoneEndsCall() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults().withEmpty(true));
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        assertThat(await(client.print("/ip/firewall/nat", List.of(".id"), "comment=nothing")))
                .isEmpty();
    }

    @Test
    void login_legacyChallengeRouter_answersMd5AndWorks() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults().withLogin(true, SimRouter.Personality.V6));
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        assertThat(await(client.version())).startsWith("6.");
        assertThat(await(client.majorVersion())).isEqualTo(6);
    }

    @Test
    void login_wrongPassword_failsWithLoginErrorWithoutPassword() {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "wrong-pass-123"));
        assertFails(
                () -> await(client.version()),
                RouterOsException.Kind.LOGIN,
                "login to router-a as 'vigil' refused: invalid user name or password (6)");
        assertThatThrownBy(() -> await(client.version())).hasMessageNotContaining("wrong-pass-123");
    }

    @Test
    void login_wrongPasswordOnLegacyRouter_failsWithLoginError() {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults().withLogin(true, SimRouter.Personality.V6));
        RouterOsClient client = client(SimFixture.config(sim, "nope"));
        assertFails(() -> await(client.version()), RouterOsException.Kind.LOGIN, "refused");
    }

    @Test
    void call_multipleTraps_reportsEveryMessageAndCategory() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        await(client.version());
        sim.misbehave(Misbehaviour.MULTI_TRAP);
        RouterOsException e = failure(() -> await(client.version()));
        assertThat(e.kind()).isEqualTo(RouterOsException.Kind.TRAP);
        assertThat(e.traps())
                .containsExactly(
                        new RouterOsException.Trap("first problem", 1),
                        new RouterOsException.Trap("second problem", 4));
        assertThat(e)
                .hasMessage("/system/resource/print failed: first problem (category 1); second problem (category 4)");
    }

    @Test
    void call_unknownCommand_trapCategoryZero() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        RouterOsException e = failure(() -> await(client.call(Command.of("/nothing/here/print"))));
        assertThat(e.category()).isZero();
        assertThat(e).hasMessageContaining("no such command or directory");
    }

    @Test
    void call_fatal_endsSessionWithReason() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        await(client.version());
        sim.misbehave(Misbehaviour.FATAL);
        assertFails(
                () -> await(client.version()),
                RouterOsException.Kind.FATAL,
                "router ended the session: too many commands before login");
    }

    @Test
    void call_eightConcurrentOnOneSession_eachGetsItsOwnReply() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        List<CompletableFuture<List<Map<String, String>>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String menu = i % 2 == 0 ? "/interface/vrrp" : "/ip/dhcp-server";
            calls.add(client.print(menu, List.of("name")).toCompletableFuture());
        }
        for (int i = 0; i < 8; i++) {
            assertThat(await(calls.get(i)).get(0)).containsEntry("name", i % 2 == 0 ? "vrrp1" : "dhcp-lan");
        }
        assertThat(sim.openSessions()).isEqualTo(1);
    }

    @Test
    void connectionDropped_pendingCallsFailWithinOneSecondThenReconnects() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        ApiRouterOsClient client = client(SimFixture.config(sim, "vigil").withTimeout(Duration.ofSeconds(30)));
        await(client.version());
        sim.misbehave(Misbehaviour.NEVER_ANSWER);
        List<CompletableFuture<String>> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(client.version().toCompletableFuture());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.commandsReceived() >= 4);
        long start = System.nanoTime();
        sim.dropConnections();
        for (CompletableFuture<String> call : pending) {
            assertThatThrownBy(() -> call.get(1, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RouterOsException.class)
                    .hasMessageContaining("lost the connection");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        sim.misbehave(Misbehaviour.NONE);
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> await(client.version()).startsWith("7."));
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void call_routerNeverAnswers_timesOutAndCancelsOnRouter() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        await(client.version());
        sim.misbehave(Misbehaviour.NEVER_ANSWER);
        long start = System.nanoTime();
        assertFails(
                () -> await(client.call(Command.of("/system/resource/print"), Duration.ofMillis(300))),
                RouterOsException.Kind.TIMEOUT,
                "did not finish within 300 ms; cancelled on the router");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.cancels() == 1);
    }

    @Test
    void ping_withCount_parsesEveryReply() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        RouterPing ping =
                await(client.ping(InetAddress.getByName("198.51.100.65"), 3, "ether1", null, Duration.ofSeconds(5)));
        assertThat(ping.sent()).isEqualTo(3);
        assertThat(ping.received()).isEqualTo(3);
        assertThat(ping.rtts()).containsOnly(Duration.ofNanos(1_200_000));
        sim.router().pingUnreachable("198.51.100.66");
        RouterPing lost =
                await(client.ping(InetAddress.getByName("198.51.100.66"), 2, null, "192.0.2.2", Duration.ofSeconds(5)));
        assertThat(lost.received()).isZero();
        assertThat(lost.lossPercent()).isEqualTo(100.0);
    }

    @Test
    void pinger_unknownRouterOrUnreachable_completesNormallyWithError() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        RouterOsPinger pinger = new RouterOsPinger(java.util.Map.of("router-a", client));
        InetAddress target = InetAddress.getByName("198.51.100.65");
        RouterPing ok = await(pinger.ping("router-a", target, "ether1", Duration.ofSeconds(1)));
        assertThat(ok.error()).isNull();
        assertThat(ok.rttAvg()).isEqualTo(Duration.ofNanos(1_200_000));
        assertThat(await(pinger.ping("router-x", target, null, Duration.ofSeconds(1)))
                        .error())
                .contains("no router named 'router-x'");
        sim.close();
        RouterPing down = await(pinger.ping("router-a", target, null, Duration.ofSeconds(1)));
        assertThat(down.error()).isNotBlank();
        assertThat(down.received()).isZero();
    }

    @Test
    void streamingPing_withoutCountPastDeadline_cancelled() throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        Command endless = Command.of("/ping").with("address", "198.51.100.65");
        assertFails(
                () -> await(client.call(endless, Duration.ofMillis(300))), RouterOsException.Kind.TIMEOUT, "cancelled");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.cancels() == 1);
        assertThat(await(client.version())).startsWith("7.");
    }

    @Test
    void garbage_failsSessionWithProtocolError() throws Exception {
        assertMisbehaviourFails(Misbehaviour.GARBAGE, RouterOsException.Kind.PROTOCOL, "reserved control byte 0xf9");
    }

    @Test
    void closeMidSentence_failsWithConnectionLost() throws Exception {
        assertMisbehaviourFails(
                Misbehaviour.CLOSE_MID_SENTENCE, RouterOsException.Kind.CONNECTION, "lost the connection");
    }

    @Test
    void fiveByteLength_wordAboveCapRefused() throws Exception {
        assertMisbehaviourFails(
                Misbehaviour.FIVE_BYTE_LENGTH,
                RouterOsException.Kind.PROTOCOL,
                "word of 268435456 bytes exceeds the limit");
    }

    @Test
    void connect_nothingListening_failsFastWithConnectionError() {
        int port = dev.vigil.testkit.FreePorts.next();
        RouterOsClient client = client(RouterConfig.api("router-b", "127.0.0.1", port, "vigil", null));
        assertFails(
                () -> await(client.version()),
                RouterOsException.Kind.CONNECTION,
                "cannot connect to 127.0.0.1:" + port);
    }

    private void assertMisbehaviourFails(Misbehaviour how, RouterOsException.Kind kind, String message)
            throws Exception {
        RouterOsSim sim = sim(RouterOsSim.Options.defaults());
        RouterOsClient client = client(SimFixture.config(sim, "vigil"));
        await(client.version());
        sim.misbehave(how);
        assertFails(() -> await(client.version()), kind, message);
    }

    static void assertFails(ThrowableAssert.ThrowingCallable call, RouterOsException.Kind kind, String message) {
        RouterOsException e = failure(call);
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e).hasMessageContaining(message);
    }

    static RouterOsException failure(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(RouterOsException.class);
        return (RouterOsException) thrown.getCause();
    }
}
