package dev.encore.stream.colisten;

import dev.encore.model.live.WeightedTracks;
import dev.encore.model.online.Transitions;
import dev.encore.stream.StageReachedEvent;
import dev.encore.stream.sequence.Trigger;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by artist: counts the plays of each of the artist's tracks (each trigger is one event, weighted as the
 * co-listening rule weighs it) and attaches the artist's most played tracks to the trigger, for the same-artist
 * source. The list is bounded as co-listening's is; an artist nobody played for the TTL is dropped by RocksDB
 * compaction.
 */
public final class ArtistTracksFunction extends KeyedProcessFunction<String, Trigger, Trigger> {
    static final String STATE = "artist-tracks";

    private final int maxTracks;
    private final int attach;
    private final Duration ttl;
    private transient ValueState<WeightedTracks> tracks;

    public ArtistTracksFunction(int maxTracks, int attach, Duration ttl) {
        this.maxTracks = maxTracks;
        this.attach = attach;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        tracks = getRuntimeContext().getState(TrackListState.descriptor(STATE, ttl));
    }

    @Override
    public void processElement(Trigger trigger, Context context, Collector<Trigger> out) throws Exception {
        StageReachedEvent.mark(StageReachedEvent.ARTIST_TRACKS, trigger.ingestTime());
        WeightedTracks list = Objects.requireNonNullElse(tracks.value(), WeightedTracks.EMPTY);
        float weight = Transitions.weightOf(trigger.type());
        if (weight > 0) {
            list = list.plus(trigger.trackId(), trigger.artistId(), weight, maxTracks);
            tracks.update(list);
        }
        out.collect(trigger.withArtistTracks(list.top(attach)));
    }
}
