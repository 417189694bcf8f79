package dev.vigil.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteState.WanView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StateTrackerTest {
    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<List<WanView>> wans = new AtomicReference<>(List.of());
    private final List<SiteState> published = new ArrayList<>();
    private final StateTracker tracker =
            new StateTracker("s1", Clock.fixed(SINCE, ZoneOffset.UTC), List::of, List::of, wans::get, published::add);

    @Test
    void check_firstTime_publishes() {
        tracker.check();
        assertThat(published).singleElement().extracting(SiteState::site).isEqualTo("s1");
    }

    @Test
    void check_onlyLiveFiguresChanged_doesNotPublishAgain() {
        wans.set(List.of(new WanView("wan1", "up", 0.0, 12.0, 1.0, SINCE)));
        tracker.check();
        wans.set(List.of(new WanView("wan1", "up", 5.0, 19.0, 3.0, SINCE)));
        tracker.check();
        assertThat(published).hasSize(1);
    }

    @Test
    void check_wanStateChanged_publishesNewState() {
        wans.set(List.of(new WanView("wan1", "up", 0.0, 12.0, 1.0, SINCE)));
        tracker.check();
        wans.set(List.of(new WanView("wan1", "down", 100.0, null, null, SINCE.plusSeconds(5))));
        tracker.check();
        assertThat(published).hasSize(2);
        assertThat(published.get(1).wans()).extracting(WanView::state).containsExactly("down");
    }
}
