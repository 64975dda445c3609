package dev.encore.stack;

import dev.encore.schema.Recommendations;
import dev.encore.schemas.Topics;
import dev.encore.schemas.registry.SchemaRegistryClient;
import dev.encore.schemas.serde.AvroWireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the recommendations topic as a read_committed reader and notes, for every list, when the job ranked it
 * (the record's timestamp) and when it became visible here, and which lists the model scored: the raw material of
 * recovery times.
 */
final class ListTimes implements Runnable, AutoCloseable {
    /** Ranked-at millis -> first seen-at millis, for lists ranked at that millisecond. */
    private final NavigableMap<Long, Long> seen = new ConcurrentSkipListMap<>();
    /** The same for lists the model scored (not degraded). */
    private final NavigableMap<Long, Long> scored = new ConcurrentSkipListMap<>();
    private final StackEndpoints endpoints;
    private final AvroWireCodec<Recommendations> codec;
    private volatile boolean running = true;
    private volatile Thread thread;

    ListTimes(StackEndpoints endpoints) {
        this.endpoints = endpoints;
        this.codec = new AvroWireCodec<>(Recommendations.class, new SchemaRegistryClient(endpoints.registryUrl()), false);
    }

    static ListTimes start(StackEndpoints endpoints) {
        ListTimes times = new ListTimes(endpoints);
        Thread thread = new Thread(times, "list-times");
        thread.setDaemon(true);
        times.thread = thread;
        thread.start();
        return times;
    }

    @Override
    public void run() {
        try (var consumer = new KafkaConsumer<>(endpoints.kafkaClient(Map.<String, Object>of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECOMMENDATIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                records.forEach(r -> {
                    seen.putIfAbsent(r.timestamp(), now);
                    if (!codec.decode(r.value()).getDegraded()) {
                        scored.putIfAbsent(r.timestamp(), now);
                    }
                });
            }
        } catch (InterruptException e) {
            // closing
        }
    }

    /** The first list ranked after {@code millis}: when it was ranked and when it became visible; null if none yet. */
    long[] firstRankedAfter(long millis) {
        Map.Entry<Long, Long> entry = seen.higherEntry(millis);
        return entry == null ? null : new long[] {entry.getKey(), entry.getValue()};
    }

    /** Like {@link #firstRankedAfter}, for lists the model scored. */
    long[] firstScoredAfter(long millis) {
        Map.Entry<Long, Long> entry = scored.higherEntry(millis);
        return entry == null ? null : new long[] {entry.getKey(), entry.getValue()};
    }

    /** When the last list ranked at or before {@code millis} was ranked; -1 if none. */
    long lastRankedBefore(long millis) {
        Long key = seen.floorKey(millis);
        return key == null ? -1 : key;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
