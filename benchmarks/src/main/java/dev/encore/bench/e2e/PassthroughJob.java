package dev.encore.bench.e2e;

import dev.encore.schemas.RecommendationHeaders;
import dev.encore.schemas.Topics;
import dev.encore.stream.JobConfig;
import dev.encore.stream.ingest.EventDecoder;
import dev.encore.stream.ingest.PlayEvent;
import dev.encore.stream.ingest.RawRecord;
import dev.encore.stream.ingest.RawRecordDeserializer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The baseline the pipeline is measured against: the same source, decoding and validation, a keyed RocksDB
 * value per user (a counter), and the same Kafka sink with the same delivery guarantee, writing one record
 * per event to the recommendations topic. No candidates, no model.
 */
public final class PassthroughJob {
    private PassthroughJob() {
    }

    /** What the passthrough writes: the user, its event count, and when the event reached Kafka. */
    public record Counted(String userId, long count, long ingestTime) {
    }

    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers()).setTopics(Topics.EVENTS.name()).setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer()).setProperty("isolation.level", "read_committed").build();
        boolean exactlyOnce = config.delivery() == JobConfig.Delivery.EXACTLY_ONCE;
        var sink = KafkaSink.<Counted>builder().setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new CountedSerializer())
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "0").setProperty("transaction.timeout.ms", "600000");
        if (exactlyOnce) {
            sink.setTransactionalIdPrefix(config.transactionalIdPrefix() + "-passthrough");
        }
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                .process(new EventDecoder(config.registryUrl())).name("decode + validate")
                .keyBy(PlayEvent::userId)
                .process(new CountPerUser()).name("count per user")
                .sinkTo(sink.build()).name(Topics.RECOMMENDATIONS.name());
    }

    static final class CountPerUser extends KeyedProcessFunction<String, PlayEvent, Counted> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(PlayEvent event, Context context, Collector<Counted> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(new Counted(event.userId(), next, event.ingestTime()));
        }
    }

    static final class CountedSerializer implements KafkaRecordSerializationSchema<Counted> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Counted counted, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(RecommendationHeaders.TRIGGER_INGESTED_AT, Long.toString(counted.ingestTime()).getBytes(StandardCharsets.US_ASCII));
            headers.add(RecommendationHeaders.EVENTS_SEEN, Long.toString(counted.count()).getBytes(StandardCharsets.US_ASCII));
            return new ProducerRecord<>(Topics.RECOMMENDATIONS.name(), null, null, counted.userId().getBytes(StandardCharsets.UTF_8),
                    Long.toString(counted.count()).getBytes(StandardCharsets.US_ASCII), headers);
        }
    }
}
