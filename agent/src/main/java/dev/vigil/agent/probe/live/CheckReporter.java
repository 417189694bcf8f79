package dev.vigil.agent.probe.live;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.probe.CheckConfig;
import dev.vigil.agent.probe.track.LinkState;
import dev.vigil.agent.probe.track.TargetResult;
import dev.vigil.agent.probe.track.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/** Turns a check's rounds into {@code check.failed} / {@code check.recovered}; a first success reports nothing. */
final class CheckReporter implements Consumer<ProbeLoop.RoundOutcome> {
    private final CheckConfig check;
    private final Clock clock;
    private final Consumer<Observation> emit;
    private Instant failingSince;

    CheckReporter(CheckConfig check, Clock clock, Consumer<Observation> emit) {
        this.check = check;
        this.clock = clock;
        this.emit = emit;
    }

    @Override
    public synchronized void accept(ProbeLoop.RoundOutcome outcome) {
        TargetResult last = outcome.results().get(0);
        Transition t = outcome.transition();
        Instant now = t != null ? t.time() : clock.instant();
        if (!last.result().ok() && failingSince == null) {
            failingSince = now;
        }
        if (t != null && t.state() == LinkState.DOWN) {
            emit.accept(Observations.checkFailed(
                    check, t.time(), last.result().error(), LiveWanMonitor.between(failingSince, t.time())));
        } else if (t != null && t.previous() == LinkState.DOWN) {
            emit.accept(Observations.checkRecovered(check, t.time(), t.downFor()));
        }
        if (last.result().ok()) {
            failingSince = null;
        }
    }
}
