package dev.encore.stream.trending;

import dev.encore.model.online.Transitions;
import dev.encore.stream.ingest.PlayEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums the plays of one track in one window, a skip counting as the weak signal it is (the offline rule). */
public final class PlayWeight implements AggregateFunction<PlayEvent, PlayWeight.Sum, PlayWeight.Sum> {
    /** The running sum, with the artist of the track (the last one seen). */
    public record Sum(String artistId, float count) {
    }

    @Override
    public Sum createAccumulator() {
        return new Sum("", 0f);
    }

    @Override
    public Sum add(PlayEvent event, Sum sum) {
        return new Sum(event.artistId(), sum.count() + Transitions.weightOf(event.type()));
    }

    @Override
    public Sum getResult(Sum sum) {
        return sum;
    }

    @Override
    public Sum merge(Sum a, Sum b) {
        return new Sum(a.artistId().isEmpty() ? b.artistId() : a.artistId(), a.count() + b.count());
    }
}
