package dev.encore.stream.rank;

import dev.encore.model.live.RankedItem;
import dev.encore.schema.RecommendedItem;
import dev.encore.schema.Recommendations;
import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import dev.encore.stream.StageReachedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a list as a {@code Recommendations} record in the Confluent wire format, keyed by user so that the
 * compacted topic keeps each user's latest (on the new-listener topic, by its one key). The schema must be
 * registered (the stack does it); the job never registers schemas itself.
 */
public final class RecommendationsSerializer implements KafkaRecordSerializationSchema<RankedList> {
    private final String registryUrl;
    private final String topic;
    /** Lists that answer an event (not the new-listener list): their stage is marked for profiles. */
    private final boolean recommendations;
    private transient AvroWireCodec<Recommendations> codec;

    /** To the recommendations topic. */
    public RecommendationsSerializer(String registryUrl) {
        this(registryUrl, Topics.RECOMMENDATIONS.name());
    }

    public RecommendationsSerializer(String registryUrl, String topic) {
        this.registryUrl = registryUrl;
        this.topic = topic;
        this.recommendations = topic.equals(Topics.RECOMMENDATIONS.name());
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = new AvroWireCodec<>(Recommendations.class, new SchemaRegistryClient(registryUrl), false);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(RankedList list, KafkaSinkContext context, Long timestamp) {
        if (recommendations) {
            StageReachedEvent.mark(StageReachedEvent.SINK, list.ingestTime());
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecommendationHeaders.TRIGGER_INGESTED_AT, Long.toString(list.ingestTime()).getBytes(StandardCharsets.US_ASCII));
        headers.add(RecommendationHeaders.EVENTS_SEEN, Long.toString(list.eventsSeen()).getBytes(StandardCharsets.US_ASCII));
        return new ProducerRecord<>(topic, null, list.generatedAt(), list.userId().getBytes(StandardCharsets.UTF_8),
                codec.encode(topic, toAvro(list)), headers);
    }

    public static Recommendations toAvro(RankedList list) {
        List<RecommendedItem> items = new ArrayList<>(list.items().length);
        for (RankedItem item : list.items()) {
            items.add(RecommendedItem.newBuilder().setTrackId(item.trackId()).setScore(item.score()).setRank(item.rank())
                    .setSource(item.source().wire()).setReason(item.reason()).setExplored(item.explored()).build());
        }
        return Recommendations.newBuilder()
                .setRecommendationId(list.recommendationId())
                .setUserId(list.userId())
                .setGeneratedAt(Instant.ofEpochMilli(list.generatedAt()))
                .setTriggerEventId(list.triggerEventId())
                .setTriggerEventTime(Instant.ofEpochMilli(list.triggerEventTime()))
                .setModelVersion(list.modelVersion())
                .setDegraded(list.degraded())
                .setArm(list.arm().isEmpty() ? null : list.arm())
                .setEventsSeen(list.eventsSeen())
                .setItems(items)
                .build();
    }
}
