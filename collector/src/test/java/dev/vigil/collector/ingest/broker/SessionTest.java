package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.store.MqttSessionChange;
import dev.vigil.collector.store.MqttSessionChange.Done;
import dev.vigil.collector.store.MqttSessionChange.Queued;
import dev.vigil.collector.store.StoredMqttMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a session records for the store while its client is away. */
class SessionTest {
    private static final UserPrincipal VERA = new UserPrincipal("vera", Role.VIEWER);
    private final List<MqttSessionChange> log = new ArrayList<>();

    private static BrokerMessage alert(int n) {
        return new BrokerMessage("vigil/v1/alerts/acme", ("alert " + n).getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void deliver_clientAway_fullQueue_dropsTheOldestAndRecordsItDone() {
        Session s = new Session("phone", VERA, 3600, log::add);
        for (int i = 1; i <= Session.MAX_QUEUED + 1; i++) {
            s.deliver(alert(i));
        }
        assertThat(s.waiting()).isEqualTo(Session.MAX_QUEUED);
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(log).filteredOn(c -> c instanceof Queued).hasSize(Session.MAX_QUEUED + 1);
        assertThat(log).filteredOn(c -> c instanceof Done).containsExactly(new Done("phone", 1));
    }

    @Test
    void deliver_cleanSession_recordsNothingAndKeepsNothing() {
        Session s = new Session("phone", VERA, 0, log::add);
        s.subscribe("vigil/v1/alerts/+", 1);
        s.deliver(alert(1));
        s.detach(Instant.EPOCH);
        assertThat(log).isEmpty();
        assertThat(s.waiting()).isZero();
    }

    @Test
    void restored_continuesTheSequenceAfterTheStoredMessages() {
        Session s = Session.restored(
                "phone",
                VERA,
                3600,
                Instant.EPOCH,
                Map.of("vigil/v1/alerts/+", 1),
                List.of(new StoredMqttMessage(41, "vigil/v1/alerts/acme", new byte[] {'x'}, 1)),
                log::add);
        s.deliver(alert(2));
        assertThat(s.waiting()).isEqualTo(2);
        assertThat(log)
                .singleElement()
                .isInstanceOfSatisfying(
                        Queued.class, q -> assertThat(q.message().seq()).isEqualTo(42));
    }

    @Test
    void renew_cleanSessionBecomesPersistent_recordsItsSubscriptions() {
        Session s = new Session("phone", VERA, 0, log::add);
        s.subscribe("vigil/v1/alerts/+", 1);
        s.renew(3600);
        assertThat(log)
                .containsExactly(
                        new MqttSessionChange.Opened("phone", "user:viewer:vera", 3600),
                        new MqttSessionChange.Subscribed("phone", "vigil/v1/alerts/+", 1));
    }
}
