package dev.encore.stream.rank;

import dev.encore.model.live.RankedItem;
import dev.encore.stream.types.ImmutableRecords;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A user's new recommendations, as the sink writes them to the recommendations topic; {@code ingestTime} is when
 * the triggering event reached Kafka (a record header, for latency); {@code arm} is the user's experiment arm (empty
 * without an experiment).
 */
@TypeInfo(ImmutableRecords.class)
public record RankedList(String recommendationId, String userId, long generatedAt, String triggerEventId,
                         long triggerEventTime, long ingestTime, String modelVersion, boolean degraded, long eventsSeen,
                         RankedItem[] items, String arm) {
}
