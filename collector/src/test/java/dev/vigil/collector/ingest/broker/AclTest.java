package dev.vigil.collector.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Directory.SitePrincipal;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.protocol.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclTest {
    private final Acl acl = new Acl(Topics.defaults());
    private final SitePrincipal acme = new SitePrincipal("acme");
    private final UserPrincipal viewer = new UserPrincipal("v", Role.VIEWER);
    private final UserPrincipal admin = new UserPrincipal("a", Role.ADMIN);

    @ParameterizedTest
    @CsvSource({
        "vigil/v1/sites/acme/events, true",
        "vigil/v1/sites/acme/state, true",
        "vigil/v1/sites/acme/metrics, true",
        "vigil/v1/sites/acme/commands, false",
        "vigil/v1/sites/other/events, false",
        "vigil/v1/alerts/acme, false",
        "vigil/v1/sites/acme/events/extra, false"
    })
    void mayPublish_site_onlyItsOwnTopics(String topic, boolean expected) {
        assertThat(acl.mayPublish(acme, topic)).isEqualTo(expected);
        assertThat(acl.mayPublish(admin, topic)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "vigil/v1/alerts/#, true",
        "vigil/v1/alerts/acme, true",
        "vigil/v1/sites/+/state, true",
        "vigil/v1/sites/acme/status, true",
        "vigil/v1/sites/+/events, false",
        "vigil/v1/sites/#, false",
        "#, false",
        "$share/g/vigil/v1/alerts/#, false"
    })
    void maySubscribe_viewer_onlyAlertsStateAndStatus(String filter, boolean expected) {
        assertThat(acl.maySubscribe(viewer, filter)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"vigil/v1/sites/acme/commands, true", "vigil/v1/sites/other/commands, false", "vigil/v1/#, false"})
    void maySubscribe_site_onlyItsCommands(String filter, boolean expected) {
        assertThat(acl.maySubscribe(acme, filter)).isEqualTo(expected);
    }
}
