package dev.encore.stream.colisten;

import dev.encore.model.live.WeightedTracks;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The keyed state of the track-list stages (a track's neighbours, an artist's tracks): one bounded list per key,
 * dropped by RocksDB compaction once nobody wrote to it for the TTL.
 */
final class TrackListState {
    private TrackListState() {
    }

    static ValueStateDescriptor<WeightedTracks> descriptor(String name, Duration ttl) {
        ValueStateDescriptor<WeightedTracks> descriptor = new ValueStateDescriptor<>(name, WeightedTracks.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        return descriptor;
    }
}
