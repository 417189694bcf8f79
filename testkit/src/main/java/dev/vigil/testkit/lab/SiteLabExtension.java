package dev.vigil.testkit.lab;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A site lab for JUnit 5. On a static field it lives for the test class, on an instance field for each test. When a
 * test fails, the lab's files (keepalived configs and logs, state files) are kept and their place is logged.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SiteLabExtension LAB = new SiteLabExtension(SiteLab.builder().advertInterval(Duration.ofMillis(300)));
 * ... LAB.lab().crashRouter(Router.A);
 * }</pre>
 */
public final class SiteLabExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final System.Logger LOG = System.getLogger(SiteLabExtension.class.getName());

    private final SiteLabBuilder builder;
    private SiteLab lab;
    private boolean perClass;

    public SiteLabExtension(SiteLabBuilder builder) {
        this.builder = builder;
    }

    /** The running lab; only valid inside a test or a lifecycle method. */
    public SiteLab lab() {
        if (lab == null) {
            throw new IllegalStateException("no site lab: it exists only while a test runs");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        lab = builder.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lab == null) {
            lab = builder.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (lab != null && context.getExecutionException().isPresent()) {
            lab.keepFilesOnClose(true);
            LOG.log(Level.WARNING, "{0} failed: site lab files kept in {1}", context.getDisplayName(), lab.directory());
        }
        if (!perClass) {
            closeLab();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeLab();
    }

    private void closeLab() {
        if (lab != null) {
            try {
                lab.close();
            } finally {
                lab = null;
            }
        }
    }
}
