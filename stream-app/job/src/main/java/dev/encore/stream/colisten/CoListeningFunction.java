package dev.encore.stream.colisten;

import dev.encore.model.live.WeightedTracks;
import dev.encore.stream.sequence.PairUpdate;
import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by track: learns which tracks are played near this one (pairs from the sequence stage, the same rule
 * as the offline evaluation's {@code JobReplica}) and attaches the heaviest neighbours to each trigger whose
 * just-played track this is. State is spread over tracks, so it scales out with parallelism; a track nobody
 * played for the TTL is dropped by RocksDB compaction.
 */
public final class CoListeningFunction extends KeyedCoProcessFunction<String, Trigger, PairUpdate, Trigger> {
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
    public void processElement1(Trigger trigger, Context context, Collector<Trigger> out) throws Exception {
        WeightedTracks list = neighbours.value();
        WeightedTracks top = list == null ? WeightedTracks.EMPTY : list.top(attach);
        out.collect(trigger.withNeighbours(top));
    }

    @Override
    public void processElement2(PairUpdate pair, Context context, Collector<Trigger> out) throws Exception {
        WeightedTracks list = neighbours.value();
        neighbours.update((list == null ? WeightedTracks.EMPTY : list).plus(pair.to(), pair.toArtist(), pair.weight(), maxNeighbours));
    }
}
