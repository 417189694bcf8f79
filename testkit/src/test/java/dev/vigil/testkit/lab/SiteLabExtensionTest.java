package dev.vigil.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteLabExtensionTest {
    @RegisterExtension
    static final SiteLabExtension LAB = new SiteLabExtension(
            SiteLab.builder().advertInterval(Duration.ofMillis(300)).wans(1));

    private static String firstPrefix;

    @Test
    @Order(1)
    void lab_staticField_startedBeforeTheFirstTest() {
        firstPrefix = LAB.lab().prefix();
        assertThat(LAB.lab().master()).contains(Router.A);
        assertThat(LAB.lab().wans()).extracting(WanInfo::name).containsExactly("wan1");
    }

    @Test
    @Order(2)
    void lab_staticField_sameLabForTheWholeClass() {
        assertThat(LAB.lab().prefix()).isEqualTo(firstPrefix);
        assertThat(LAB.lab().isClosed()).isFalse();
    }
}
