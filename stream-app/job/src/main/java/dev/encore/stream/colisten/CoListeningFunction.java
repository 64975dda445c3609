package dev.encore.stream.colisten;

import dev.encore.model.live.WeightedTracks;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.sequence.CoListeningInput;
import dev.encore.stream.sequence.PairUpdate;
import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by track: learns which tracks are played near this one (pairs from the sequence stage, the same rule
 * as the offline evaluation's {@code JobReplica}) and attaches the heaviest neighbours to each trigger whose
 * just-played track this is. Pairs and triggers come in one stream, so a trigger sees its own event's pairs.
 * State is spread over tracks, so it scales out with parallelism; a track nobody played for the TTL is dropped
 * by RocksDB compaction.
 */
public final class CoListeningFunction extends KeyedProcessFunction<String, CoListeningInput, Trigger> {
    static final String STATE = "neighbours";

    private final int maxNeighbours;
    private final int attach;
    private final Duration ttl;
    private transient ValueState<WeightedTracks> neighbours;

    public CoListeningFunction(int maxNeighbours, int attach, Duration ttl) {
        this.maxNeighbours = maxNeighbours;
        this.attach = attach;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        neighbours = getRuntimeContext().getState(TrackListState.descriptor(STATE, ttl));
    }

    @Override
    public void processElement(CoListeningInput input, Context context, Collector<Trigger> out) throws Exception {
        WeightedTracks list = Objects.requireNonNullElse(neighbours.value(), WeightedTracks.EMPTY);
        for (PairUpdate pair : input.pairs()) {
            list = list.plus(pair.to(), pair.toArtist(), pair.weight(), maxNeighbours);
        }
        if (input.pairs().length > 0) {
            neighbours.update(list);
        }
        Trigger trigger = input.trigger();
        if (trigger != null) {
            StageReachedEvent.mark(StageReachedEvent.CO_LISTENING, trigger.ingestTime());
            out.collect(trigger.withNeighbours(list.top(attach)));
        }
    }
}
