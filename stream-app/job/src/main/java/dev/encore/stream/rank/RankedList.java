package dev.encore.stream.rank;

/** A user's new recommendations, as the sink writes them to the recommendations topic. */
public record RankedList(String recommendationId, String userId, long generatedAt, String triggerEventId,
                         long triggerEventTime, String modelVersion, boolean degraded, long eventsSeen,
                         RankedItem[] items) {
}
