package dev.encore.stream.ingest;

import dev.encore.schema.EventType;

/**
 * A decoded, valid user event as the job carries it: only what the pipeline uses. {@code artistId} is empty
 * when the player did not send one; {@code ingestTime} is the Kafka record's timestamp (when the event was
 * sent), the start of the event-to-recommendation latency. {@code fromList} and {@code fromListRank} are the
 * recommended list and rank the player says the track was started from (empty and 0 when it says none).
 */
public record PlayEvent(String eventId, String userId, String trackId, String artistId, EventType type,
                        long eventTime, long playedMs, long ingestTime, String fromList, int fromListRank) {
}
