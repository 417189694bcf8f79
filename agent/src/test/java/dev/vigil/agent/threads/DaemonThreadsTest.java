package dev.vigil.agent.threads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void named_newThread_daemonWithTheNameRunningTheTask() {
        boolean[] ran = {false};

        Thread t = DaemonThreads.named("vigil-test").newThread(() -> ran[0] = true);
        t.run();

        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("vigil-test");
        assertThat(ran[0]).isTrue();
    }
}
