package dev.vigil.collector.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.auth.Directory.SitePrincipal;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.collector.ingest.broker.Acl;
import dev.vigil.protocol.Topics;
import org.junit.jupiter.api.Test;

/** What discovery opens in the embedded endpoint's ACL, and what it leaves closed. */
class HomeAssistantAclTest {
    private static final UserPrincipal VIEWER = new UserPrincipal("ha", Role.VIEWER);
    private static final SitePrincipal SITE = new SitePrincipal("acme-hq");
    private final Acl off = new Acl(Topics.defaults());
    private final Acl on = new Acl(Topics.defaults()).withHomeAssistant("homeassistant");

    @Test
    void viewer_withDiscovery_readsDiscoveryAndStateAndPublishesOnlyTheBirthTopic() {
        assertThat(on.maySubscribe(VIEWER, "homeassistant/#")).isTrue();
        assertThat(on.maySubscribe(VIEWER, "vigil/v1/ha/#")).isTrue();
        assertThat(on.mayPublish(VIEWER, "homeassistant/status")).isTrue();
        assertThat(on.mayPublish(VIEWER, "homeassistant/binary_sensor/x/y/config"))
                .isFalse();
        assertThat(on.mayPublish(VIEWER, "vigil/v1/sites/acme-hq/events")).isFalse();
    }

    @Test
    void viewer_withoutDiscovery_getsNothingNew() {
        assertThat(off.maySubscribe(VIEWER, "homeassistant/#")).isFalse();
        assertThat(off.maySubscribe(VIEWER, "vigil/v1/ha/#")).isFalse();
        assertThat(off.mayPublish(VIEWER, "homeassistant/status")).isFalse();
    }

    @Test
    void site_withDiscovery_staysConfinedToItsOwnTopics() {
        assertThat(on.maySubscribe(SITE, "homeassistant/#")).isFalse();
        assertThat(on.mayPublish(SITE, "homeassistant/status")).isFalse();
        assertThat(on.mayPublish(SITE, "vigil/v1/sites/acme-hq/events")).isTrue();
    }
}
