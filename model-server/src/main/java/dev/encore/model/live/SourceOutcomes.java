package dev.encore.model.live;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How often each source's exploration pick was shown and how often it was accepted: the evidence of
 * {@link SourceBandit}, for one listener (keyed state) or for every listener a task serves (operator state).
 * Public fields and a no-argument constructor so that Flink stores it with its POJO serializer.
 */
public final class SourceOutcomes implements Serializable {
    /** Lists judged with this source's pick in the exploration slot, by {@link Source#ordinal()} (faded: fractional). */
    public double[] shown = new double[Source.COUNT];
    /** Of those, the lists whose next event played the pick. */
    public double[] accepted = new double[Source.COUNT];

    public SourceOutcomes() {
    }

    public void record(Source source, boolean wasAccepted) {
        shown[source.ordinal()]++;
        if (wasAccepted) {
            accepted[source.ordinal()]++;
        }
    }

    /** Multiplies every count by {@code factor}: older outcomes weigh less (a bandit that follows change). */
    public void fade(double factor) {
        for (int s = 0; s < Source.COUNT; s++) {
            shown[s] *= factor;
            accepted[s] *= factor;
        }
    }

    /** Adds {@code other}'s counts to these (merging tasks' evidence after a rescale). */
    public void add(SourceOutcomes other) {
        for (int s = 0; s < Source.COUNT; s++) {
            shown[s] += other.shown[s];
            accepted[s] += other.accepted[s];
        }
    }

    public double shown(Source source) {
        return shown[source.ordinal()];
    }

    public double accepted(Source source) {
        return accepted[source.ordinal()];
    }

    @Override
    public String toString() {
        return "SourceOutcomes{shown=" + Arrays.toString(shown) + ", accepted=" + Arrays.toString(accepted) + "}";
    }
}
