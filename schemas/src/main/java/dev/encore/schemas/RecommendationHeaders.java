package dev.encore.schemas;

/** Header names on recommendation records, for latency tracking without changing the value schema. */
public final class RecommendationHeaders {
    private RecommendationHeaders() {
    }

    /** When the triggering event reached Kafka (its record timestamp), epoch millis as decimal text. */
    public static final String TRIGGER_INGESTED_AT = "encore.trigger.ingested-at";

    /**
     * How many of the user's events the list has seen, decimal text (the value's {@code eventsSeen}): a reader
     * that tracks freshness per event learns from the header alone which events a list answers, including those
     * whose own list was superseded.
     */
    public static final String EVENTS_SEEN = "encore.events-seen";
}
