package dev.encore.schemas;

/** Header names on recommendation records, for latency tracking without changing the value schema. */
public final class RecommendationHeaders {
    private RecommendationHeaders() {
    }

    /** When the triggering event reached Kafka (its record timestamp), epoch millis as decimal text. */
    public static final String TRIGGER_INGESTED_AT = "encore.trigger.ingested-at";
}
