package dev.encore.schemas;

import dev.encore.schema.Recommendations;
import dev.encore.schema.TrackMetadata;
import dev.encore.schema.UserEvent;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Every Kafka topic of the system, defined once; code and tests use these constants. Values are Avro in
 * the Confluent wire format under the subject {@code <topic>-value}.
 */
public final class Topics {
    private Topics() {
    }

    /** Player events ({@code UserEvent}), keyed by user id so that one user's events stay in order. */
    public static final TopicSpec EVENTS = new TopicSpec("encore.user-events", 8, false, "userId");

    /** The latest recommendations per user ({@code Recommendations}); compacted, keyed by user id. */
    public static final TopicSpec RECOMMENDATIONS = new TopicSpec("encore.recommendations", 8, true, "userId");

    /** The key (and userId) of the new-listener list. */
    public static final String NEW_LISTENER_KEY = "new-listener";

    /**
     * The list for listeners with no event yet ({@code Recommendations}, userId {@code new-listener}): what trending
     * says now, one record per closed trending window; compacted, one key ({@value #NEW_LISTENER_KEY}).
     */
    public static final TopicSpec NEW_LISTENER_LISTS = new TopicSpec("encore.new-listener-lists", 1, true, "'" + NEW_LISTENER_KEY + "'");

    /** What is known of each track ({@code TrackMetadata}); compacted, keyed by track id. */
    public static final TopicSpec TRACK_METADATA = new TopicSpec("encore.track-metadata", 4, true, "trackId");

    /**
     * Records that could not be read or failed validation: the original key and value bytes, with the reason
     * and the source topic, partition and offset in headers ({@link DeadLetterHeaders}). It takes larger records
     * than the events topic (the broker's default, about 1 MB), so that any record the events topic took still
     * fits with its headers: a dead letter that cannot be written would stop the job.
     */
    public static final TopicSpec DEAD_LETTERS = new TopicSpec("encore.dead-letters", 1, false, "original key", 2 * 1024 * 1024);

    public static final List<TopicSpec> ALL = List.of(EVENTS, RECOMMENDATIONS, NEW_LISTENER_LISTS, TRACK_METADATA, DEAD_LETTERS);

    /** The Avro value schema of each topic that has one (dead letters keep raw bytes and have none). */
    public static Map<TopicSpec, Schema> valueSchemas() {
        return Map.of(EVENTS, UserEvent.getClassSchema(),
                RECOMMENDATIONS, Recommendations.getClassSchema(),
                NEW_LISTENER_LISTS, Recommendations.getClassSchema(),
                TRACK_METADATA, TrackMetadata.getClassSchema());
    }

    /** The registry subject of a topic's values (Confluent's TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
