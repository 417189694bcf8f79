package dev.vigil.agent.probe.live;

import dev.vigil.agent.event.Observation;
import dev.vigil.agent.event.ObservationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every observation, for assertions. */
public final class RecordingSink implements ObservationSink {
    private final List<Observation> observations = new CopyOnWriteArrayList<>();

    @Override
    public void accept(Observation observation) {
        observations.add(observation);
    }

    public List<Observation> all() {
        return List.copyOf(observations);
    }

    public List<Observation> ofType(String type) {
        return observations.stream().filter(o -> o.type().equals(type)).toList();
    }

    public List<String> types() {
        return observations.stream().map(Observation::type).toList();
    }

    public void clear() {
        observations.clear();
    }
}
